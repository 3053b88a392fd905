package match

import (
	"os"
	"slices"
	"testing"
)

func TestDebugMyths(t *testing.T) {
	if os.Getenv("DEBUG_MYTHS") == "" {
		t.Skip()
	}
	ix, _ := Build(loadMythDocs(t), DefaultOptions())
	for _, q := range loadMythQueries(t, "all") {
		res := ix.Search(q.Text, "", 3)
		if len(res) == 0 {
			if len(q.Gold) > 0 {
				t.Logf("MISS(no result) %v %q", q.Gold, q.Text)
			}
			continue
		}
		ok := len(q.Gold) == 0 && res[0].Confidence < DefaultThreshold || len(q.Gold) > 0 && slices.Contains(q.Gold, res[0].ID) && res[0].Confidence >= DefaultThreshold
		if !ok {
			t.Logf("BAD gold=%v top=%s %.2f second=%s %.2f | %q", q.Gold, res[0].ID, res[0].Confidence, res[min(1, len(res)-1)].ID, res[min(1, len(res)-1)].Confidence, q.Text)
		}
	}
}
