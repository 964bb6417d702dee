"""Publishing the clean layer: the data package, SQLite, Stata, the CSV zip, Datasette, citations."""
