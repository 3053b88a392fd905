// Package match finds which known claim a free-text question or pasted post is about.
//
// It serves two collections with the same code: the built-in myths of the fact base (each a
// Document with a title, a claim and many phrasings in English, French and Spanish) and external
// fact-check collections such as CheckThat! 2A (one claim and one title per Document).
//
// The pipeline is: analysis (NFKC, case and accent folding, tweet clean-up, hashtag splitting,
// stop words, Snowball stemming, cross-language concept tags), BM25F retrieval over field-weighted
// texts with fuzzy recovery of misspelled words, a small learned re-ranker over overlap features,
// and a calibrated confidence so callers can abstain when nothing fits.
package match
