"""Reading dates out of article text: intervals of days and their joint narrowing."""
