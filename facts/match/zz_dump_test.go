package match

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	out, _ := os.Create(os.Getenv("DUMP"))
	defer out.Close()
	for _, depth := range []int{6, 20} {
		o := DefaultOptions()
		o.RerankDepth = depth
		ix, err := Build(loadMythDocs(t), o)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range loadMythQueries(t, "all") {
			for _, r := range ix.Search(q.Text, "", 4) {
				fmt.Fprintf(out, "%s %.6f | ", r.ID, r.Confidence)
			}
			fmt.Fprintln(out)
		}
	}
}
