// Who may write what in a province's Coop Plan database. Installed as the
// `validate_doc_update` of `_design/coop-plan` by scripts/couchdb-setup.js;
// CouchDB runs it on every write, including inside `_bulk_docs` and during
// replication, and a `forbidden` throw refuses that one document with 403.
//
// Roles (in the user's `_users` document):
// - `province`: the province office; writes the plan, the city figures, the
//   tasks, the published aggregates and any cooperative's records;
// - `unit:<id>`: the manager of cooperative <id>; writes that cooperative's
//   records only (a validate function sees only the user's name and roles,
//   so the cooperative travels as a role).
// A server admin (`_admin`) may write anything (setup, repairs).
//
// Every document names its workspace, its type and, for a cooperative's
// records, the cooperative; its `_id` is derived from them (`idOf`; the
// table in couchdb/README.md, which the app's sync follows), so a document
// cannot claim one cooperative in its fields and another in its id.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) {
    for (var i = 0; i < roles.length; i++) if (roles[i] === role) return true;
    return false;
  }
  if (has('_admin')) return;
  if (newDoc._id.indexOf('_design/') === 0) {
    throw({ forbidden: 'Only a server admin may change the design document.' });
  }

  var UNIT_TYPES = { unit: true, year: true, assessment: true };
  var PROVINCE_TYPES = { plan: true, city: true, task: true, aggregate: true };

  function part(text) {
    return encodeURIComponent(String(text));
  }
  // The id a document of this shape must have.
  function idOf(doc) {
    var head = part(doc.workspace) + ':' + doc.type;
    switch (doc.type) {
      case 'unit': return head + ':' + part(doc.unit);
      case 'year': return head + ':' + part(doc.unit) + ':' + part(doc.year);
      case 'assessment': return head + ':' + part(doc.unit) + ':' + part(doc.period);
      case 'task': return head + ':' + part(doc.key);
      default: return head;
    }
  }
  function text(value) {
    return typeof value === 'string' && value.length > 0 && value.length <= 200;
  }

  // A deletion (`DELETE`, or `_deleted: true` in `_bulk_docs`) carries
  // nothing but its id: what it deletes is judged by the stored document.
  var doc = newDoc._deleted ? oldDoc : newDoc;
  if (!doc) {
    // Deleting what was never there: nothing to protect.
    if (has('province') || roles.some(function (r) { return r.indexOf('unit:') === 0; })) return;
    throw({ forbidden: 'Only members of the province database may write to it.' });
  }
  if (!text(doc.workspace)) throw({ forbidden: 'The document names no workspace.' });
  if (!UNIT_TYPES[doc.type] && !PROVINCE_TYPES[doc.type]) {
    throw({ forbidden: 'Unknown document type: ' + doc.type });
  }
  if (!newDoc._deleted) {
    if (typeof doc.schema_version !== 'number' || doc.schema_version < 1 || doc.schema_version % 1 !== 0) {
      throw({ forbidden: 'The document has no schema_version.' });
    }
    if (UNIT_TYPES[doc.type] && !text(doc.unit)) {
      throw({ forbidden: 'A cooperative\'s record must name its cooperative (unit).' });
    }
    if (doc.type === 'year' && (typeof doc.year !== 'number' || doc.year % 1 !== 0)) {
      throw({ forbidden: 'A yearly record must name its year.' });
    }
    if (doc.type === 'assessment' && !text(doc.period)) {
      throw({ forbidden: 'A self-assessment must name its period.' });
    }
    if (doc.type === 'task' && !text(doc.key)) {
      throw({ forbidden: 'A task must carry its stable id (key).' });
    }
    if (newDoc._id !== idOf(newDoc)) {
      throw({ forbidden: 'The document id ' + newDoc._id + ' does not match its contents (expected ' + idOf(newDoc) + ').' });
    }
    if (oldDoc && !oldDoc._deleted &&
        (oldDoc.type !== newDoc.type || oldDoc.workspace !== newDoc.workspace || oldDoc.unit !== newDoc.unit)) {
      throw({ forbidden: 'A document cannot be moved to another workspace, type or cooperative.' });
    }
  }

  if (has('province')) return;
  if (UNIT_TYPES[doc.type] && has('unit:' + doc.unit)) return;
  if (UNIT_TYPES[doc.type]) {
    throw({ forbidden: 'You may only change the records of your own cooperative (this one is ' + doc.unit + ').' });
  }
  throw({ forbidden: 'Only the province office may change the ' + doc.type + '.' });
}
