//go:build race

package ocr_test

// raceEnabled is set under -race, where the accuracy measure is skipped: it measures reading,
// not concurrency, and Tesseract runs outside the race detector anyway.
const raceEnabled = true
