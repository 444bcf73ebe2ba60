/*
 * Swedish stemming for Material's search, which otherwise never stems a query.
 *
 * Material turns every query word into a prefix query ("medfinansiärerna*"),
 * and lunr skips the language pipeline for such words, so a stemmed index
 * would no longer find even the literal word. This wraps lunr's Index#query:
 * after the query is parsed, each prefix word is run through the index's own
 * search pipeline (the Swedish stemmer) and searched as a prefix of its stem,
 * so "medfinansiärerna" finds "medfinansiärer" and "kostnader" still finds
 * "kostnader". tools/postbuild.py appends this file to Material's
 * lunr.stemmer.support.min.js, which the search worker loads for every
 * language but English.
 */
(function (lunr) {
  if (!lunr || !lunr.Index || lunr.Index.prototype.queryWithStems) return;
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.queryWithStems = true;
  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline;
    return query.call(this, function (q) {
      build.call(q, q);
      q.clauses.forEach(function (clause) {
        var word = /^([^*]+)\*$/.exec(clause.term);
        if (clause.usePipeline !== false || !word) return;
        var stems = pipeline.runString(word[1], { fields: clause.fields });
        if (stems.length === 1 && stems[0]) clause.term = stems[0] + "*";
      });
    });
  };
})(typeof lunr !== "undefined" ? lunr : undefined);
