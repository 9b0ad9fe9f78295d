// title: Aldermen per municipality and region
// description: Every alderman (wethouder) the documents name, with the municipality they
//   serve, its region and the document and sentence that say so.
// asked-by: the knowledge ambassador, choosing which aldermen to see in the next contact
//   round; the province, to see which regions have an alderman in view at all.
// param: region string = "" | only this region (Noord-, Midden- or Zuid-Limburg); empty for all
// writes: false
MATCH (p:Person)-[a:ALDERMAN_OF]->(m:Municipality)
OPTIONAL MATCH (m)-[:IN_REGION]->(r:Region)
WHERE r.level = 'region'
WITH p, a, m, r
WHERE $region = '' OR toLower(r.name) = toLower($region)
RETURN p.name AS alderman, m.name AS municipality, r.name AS region,
       collect(DISTINCT a.source) AS sources, min(a.evidence) AS evidence
ORDER BY region, municipality, alderman
