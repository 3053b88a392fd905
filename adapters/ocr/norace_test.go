//go:build !race

package ocr_test

// raceEnabled is set under -race; see race_test.go.
const raceEnabled = false
