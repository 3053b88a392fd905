//go:build race

package reviews

// raceEnabled skips the CheckThat! measurements under -race: they test quality, not
// concurrency, and would take minutes.
const raceEnabled = true
