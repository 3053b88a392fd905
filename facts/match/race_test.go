//go:build race

package match

// raceEnabled is set under -race, where the CheckThat! measurements (14k claims, 1,196
// queries) are skipped: they test quality, not concurrency, and would take minutes.
const raceEnabled = true
