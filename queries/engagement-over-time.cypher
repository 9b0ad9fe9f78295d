// title: Engagement per municipality over time
// description: How engaged each municipality is reported to be (high, medium, low), per
//   document in date order, so a change of heart shows as consecutive rows; with the
//   sentence that says so. Municipalities no document rates are not listed.
// asked-by: the province, watching which municipalities warm up or drop out; the knowledge
//   ambassador, choosing where a visit is most needed.
// param: municipality string = "" | only this municipality (name, case-insensitive); empty for all
// param: level string = "" | only this level (high, medium, low); empty for all
// writes: false
MATCH (d:Document)-[e:ENGAGEMENT]->(m:Municipality)
WHERE ($municipality = '' OR toLower(m.name) = toLower($municipality))
  AND ($level = '' OR e.level = $level)
OPTIONAL MATCH (m)-[:IN_REGION]->(r:Region)
WHERE r.level = 'region'
RETURN m.name AS municipality, r.name AS region, d.date AS date, e.level AS level,
       d.name AS document, e.evidence AS evidence
ORDER BY municipality, date, document
