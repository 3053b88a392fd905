// Package match finds which known claim a free-text question or pasted post is about, and says
// how sure it is.
//
// It serves two kinds of collection with the same code: the built-in myths of the fact base (each
// a Document with titles, claims and many phrasings in English, French and Spanish) and external
// fact-check collections such as CheckThat! 2A (one claim and one title per Document).
//
// # Pipeline
//
//   - Analysis (fold.go, tokenize.go, analyze.go): invalid UTF-8 dropped, NFKC, case and accent
//     folding; links and pic.twitter.com dropped even when glued to a word; hashtags and mentions
//     split on case and digits (#HousingCrisis, @realDonaldTrump), one-word hashtags split
//     against the index vocabulary (#housingcrisis, segment.go); numbers without separators;
//     stop words and Snowball stemming per language; cross-language concept terms from curated
//     synonym groups (concepts.go: rent, loyer and alquiler all evoke ~housing).
//   - Pasted tweets (tweet.go): the "— Name (@handle) Month D, YYYY" footer is split off; the
//     author weighs less and the year becomes a feature.
//   - Retrieval (index.go, search.go): BM25F over field-weighted texts; a concept and the word
//     that evoked it count once (the better of the two); unknown words are replaced by the
//     nearest vocabulary stem (fuzzy.go: one-deletion neighbourhoods, edit distance 1 or 2),
//     else, in the myths' index, by the stem of the nearest word the index saw, compared by
//     loose keys that spell alike what sounds alike in each language (surface.go: "alkileres"
//     is "alquileres", "imigrans" one letter from "immigrants").
//   - Re-ranking and confidence (features.go, model.go): a linear model over overlap
//     features (coverage both ways, bigrams, numbers, names, core topics, cosine to the best
//     phrasing, ...) and cues of how the question is put (query.go: a group named or pointed at,
//     "us", sweeping words, a practical or rhetorical question, the asker's own affairs, a date)
//     orders the top candidates; its sigmoid is the calibrated Confidence (the myths model is
//     fitted listwise against each query's rivals, see train_test.go; ChanceAmong reads from
//     the confidences the chance that the right document is among the first few, which decides
//     when a choice of candidates is offered). The
//     per-text features read each candidate's texts, or, for collections of many texts per
//     document (the myths), look up where the query's terms occur (index.go: occurrenceMinTexts).
//     models.json holds two models: "claims" (fitted on CheckThat! 2A train) and "myths"
//     (fitted on the fit half of testdata/myths-queries.jsonl). Build picks "myths" for
//     collections with phrasings.
//   - Language (detect.go): stop words, telltale letters and endings; see DetectLanguage.
//
// # Commands (from the repository root)
//
//	go test ./facts/match/                                   # unit tests and measured targets
//	go test ./facts/match/ -run 'CheckThat|MythQueries|Calibration|CrossLanguage' -v
//	go test ./facts/match/ -run TestTrain -train -v          # refit models.json, print cross-fitted figures
//	go test ./facts/match/ -run TestGateExperiment -gates -v # when to offer suggestions, cross-fitted
//	go test ./facts/match/ -run '^$' -bench Build -benchtime 5x      # build time, index memory
//	go test ./facts/match/ -run '^$' -bench Search -benchtime 5000x  # query latency (median-ns)
//	go test ./facts/match/ -run '^$' -fuzz FuzzAnalyze -fuzztime 60s
//	cd facts/match/internal/blevebench && go test -run '^$' -bench Build -benchtime 3x \
//	  && go test -run '^$' -bench Search -benchtime 3000x && go test -run 'Quality|Language' -v
//
// The CheckThat! data is read in place from ../shared/bench/checkthat2022-2a (relative to the
// repository); tests that need it skip when it is absent.
package match
