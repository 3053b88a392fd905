// Package blevebench compares the factline matcher with bleve v2 (scorch index, BM25 scoring)
// on the CheckThat! 2A claim collection: build time, median query latency, index memory and
// MAP@5, in the same benchmark run. It is a separate module so that factline does not depend
// on bleve. Run it from this directory:
//
//	go test -run '^$' -bench Build -benchtime 3x
//	go test -run '^$' -bench Search -benchtime 3000x
//	go test -run TestQuality -v
//
// It also measures the language detectors considered for the matcher (whatlanggo, lingua-go)
// against match.DetectLanguage: go test -run TestLanguageDetectors -v
package blevebench
