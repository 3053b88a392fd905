package bot

import (
	"fmt"
	"testing"
)

// BenchmarkGroupQuestions groups MaxUnanswered questions, the most a report reads.
func BenchmarkGroupQuestions(b *testing.B) {
	base := builtinIndex(b).Base()
	topics := []string{"potholes on my street", "the bus is late again", "rent keeps going up", "free phones for refugees",
		"new airport noise", "school lunches cost", "hospital parking fees", "snow removal is slow"}
	qs := make([]UnansweredQuestion, MaxUnanswered)
	for i := range qs {
		qs[i] = UnansweredQuestion{Text: fmt.Sprintf("why %s question %d word%d", topics[i%len(topics)], i, i%97), Lang: "en"}
	}
	b.ResetTimer()
	for b.Loop() {
		GroupQuestions(qs, base)
	}
}
