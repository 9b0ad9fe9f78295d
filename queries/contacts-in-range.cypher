// title: Contact moments in a date range
// description: Appointments, conversations, requests and introductions between two dates
//   (inclusive), with who, what kind, planned or held, and the source sentence. A contact
//   without its own date counts on the date of the document that reports it; the column
//   dated_by says which date was used.
// asked-by: the knowledge ambassador, reviewing last month's contact round and planning
//   the next; the province, reporting who was spoken to in a period.
// param: first_day date = "2023-01-01" | first day (YYYY-MM-DD)
// param: last_day date = "2023-12-31" | last day (YYYY-MM-DD)
// param: kind string = "" | only appointments, conversations, requests or introductions; empty for all
// writes: false
MATCH (a)-[c:CONTACT]->(b)
OPTIONAL MATCH (d:Document {id: c.source})
WITH a, b, c, d, coalesce(c.date, d.date) AS day,
     CASE WHEN c.date IS NOT NULL THEN 'contact' ELSE 'document' END AS dated_by
WHERE day >= $first_day AND day <= $last_day + '-99'
  AND ($kind = '' OR c.kind = $kind)
RETURN day AS date, a.name AS from_party, b.name AS to_party, c.kind AS kind,
       c.status AS status, dated_by, c.evidence AS evidence, c.source AS source
ORDER BY date, from_party, to_party
