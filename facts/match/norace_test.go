//go:build !race

package match

// raceEnabled is set under -race; see race_test.go.
const raceEnabled = false
