// title: Municipalities with no contact at all
// description: Municipalities that no contact moment reaches: no CONTACT with the
//   municipality itself, nor with one of its aldermen or people who work or speak for it.
//   With the region, and whether any document mentions the municipality at all.
// asked-by: the province, spotting municipalities nobody has talked to yet; the knowledge
//   ambassador, to put them on the next contact round.
// param: region string = "" | only this region (Noord-, Midden- or Zuid-Limburg); empty for all
// writes: false
MATCH (m:Municipality)
WHERE NOT EXISTS { MATCH (m)-[:CONTACT]-() }
  AND NOT EXISTS { MATCH (m)<-[:ALDERMAN_OF]-(:Person)-[:CONTACT]-() }
  AND NOT EXISTS { MATCH (m)<-[:AFFILIATED_WITH]-(:Person)-[:CONTACT]-() }
OPTIONAL MATCH (m)-[:IN_REGION]->(r:Region)
WHERE r.level = 'region'
WITH m, r
WHERE $region = '' OR toLower(r.name) = toLower($region)
RETURN m.name AS municipality, r.name AS region,
       COUNT { MATCH (m)<-[:MENTIONS]-(:Document) } AS documents_mentioning
ORDER BY region, municipality
