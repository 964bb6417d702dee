"""The drafting engine: the rules (`rules`, read from data/raw/rules/drafting.yaml), the
article's sentences (`sentences`) and time expressions (`timex`), the sources it names
(`names`, `discourse`, `attribution`), its figures (`figures`), claims (`claims`), events
(`events`), the confidence of each row (`confidence`) and the draft rows' checks (`rows`).
`deportdata.coding.draft` runs it on one article; add, accept, review, trace and evaluate
live beside it in `deportdata.coding`."""
