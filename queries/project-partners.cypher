// title: Partners, refusals and funding of a project
// description: Everything said about one project's make-up: who takes part and in what
//   role (partner, associated partner, applicant), who declined, which programme funds it,
//   and which larger project it belongs to or which projects belong to it.
// asked-by: the province, deciding whether to join a project such as TRAM and seeing how
//   strong the Limburg involvement is; analysts, checking funding claims.
// param: project string = "TRAM" | the project's name, acronym or id (case-insensitive)
// writes: false
MATCH (p:Project)
WHERE toLower(p.name) = toLower($project) OR toLower(p.acronym) = toLower($project)
   OR p.id = $project
MATCH (x)-[r:PARTNER_IN]->(p)
RETURN p.name AS project, 'partner' AS relation, coalesce(r.role, 'partner') AS role,
       x.name AS party, r.evidence AS evidence, r.source AS source
UNION ALL
MATCH (p:Project)
WHERE toLower(p.name) = toLower($project) OR toLower(p.acronym) = toLower($project)
   OR p.id = $project
MATCH (x)-[r:DECLINED]->(p)
RETURN p.name AS project, 'declined' AS relation, '' AS role,
       x.name AS party, r.evidence AS evidence, r.source AS source
UNION ALL
MATCH (p:Project)
WHERE toLower(p.name) = toLower($project) OR toLower(p.acronym) = toLower($project)
   OR p.id = $project
MATCH (p)-[r:FUNDED_BY]->(x:Programme)
RETURN p.name AS project, 'funded by' AS relation, '' AS role,
       x.name AS party, r.evidence AS evidence, r.source AS source
UNION ALL
MATCH (p:Project)
WHERE toLower(p.name) = toLower($project) OR toLower(p.acronym) = toLower($project)
   OR p.id = $project
MATCH (p)-[r:PART_OF]->(x:Project)
RETURN p.name AS project, 'part of' AS relation, '' AS role,
       x.name AS party, r.evidence AS evidence, r.source AS source
UNION ALL
MATCH (p:Project)
WHERE toLower(p.name) = toLower($project) OR toLower(p.acronym) = toLower($project)
   OR p.id = $project
MATCH (x:Project)-[r:PART_OF]->(p)
RETURN p.name AS project, 'has part' AS relation, '' AS role,
       x.name AS party, r.evidence AS evidence, r.source AS source
