package match

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Query is one evaluation question with the ids of the documents that answer it.
type Query struct {
	ID, Text string
	Gold     []string
	Split    string
}

// ReadClaims reads a claim collection, one {"id","text","title"} JSON object a line, into
// Documents with the claim and the title as English texts.
func ReadClaims(r io.Reader) ([]Document, error) {
	var docs []Document
	err := readJSONL(r, func(line int, data []byte) error {
		var c struct{ ID, Text, Title string }
		if err := json.Unmarshal(data, &c); err != nil {
			return err
		}
		if c.ID == "" {
			return fmt.Errorf("missing id")
		}
		docs = append(docs, Document{ID: c.ID, Texts: []Text{
			{Kind: KindClaim, Lang: "en", Text: c.Text},
			{Kind: KindTitle, Lang: "en", Text: c.Title},
		}})
		return nil
	})
	return docs, err
}

// ReadQueries reads evaluation queries, one {"id","text","gold","split"} JSON object a line.
func ReadQueries(r io.Reader) ([]Query, error) {
	var qs []Query
	err := readJSONL(r, func(line int, data []byte) error {
		var q Query
		if err := json.Unmarshal(data, &q); err != nil {
			return err
		}
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

func readJSONL(r io.Reader, f func(line int, data []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		data := sc.Bytes()
		if len(trimSpaceBytes(data)) == 0 {
			continue
		}
		if err := f(line, data); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// RankingReport holds the CheckThat! ranking measures over a set of queries.
type RankingReport struct {
	Queries int     `json:"queries"`
	MAP5    float64 `json:"map@5"`
	MRR     float64 `json:"mrr"`
	P1      float64 `json:"p@1"`
}

// EvaluateRanking searches every query and scores the ranking: MAP@5 as in the CheckThat! lab
// (average precision cut at rank 5), MRR (over the full returned ranking, up to 100) and P@1.
func EvaluateRanking(ix *Index, qs []Query) RankingReport {
	rep := RankingReport{Queries: len(qs)}
	if len(qs) == 0 {
		return rep
	}
	for _, q := range qs {
		res := ix.Search(q.Text, "", 100)
		ids := make([]string, len(res))
		for i, r := range res {
			ids[i] = r.ID
		}
		ap, rr, p1 := rankingScores(ids, q.Gold)
		rep.MAP5 += ap
		rep.MRR += rr
		rep.P1 += p1
	}
	n := float64(len(qs))
	rep.MAP5 /= n
	rep.MRR /= n
	rep.P1 /= n
	return rep
}

// rankingScores returns AP@5, the reciprocal rank of the first gold id, and precision at 1.
func rankingScores(ranked, gold []string) (ap5, rr, p1 float64) {
	if len(gold) == 0 {
		return 0, 0, 0
	}
	isGold := map[string]bool{}
	for _, g := range gold {
		isGold[g] = true
	}
	hits := 0
	for i, id := range ranked {
		if !isGold[id] {
			continue
		}
		if rr == 0 {
			rr = 1 / float64(i+1)
		}
		if i < 5 {
			hits++
			ap5 += float64(hits) / float64(i+1)
		}
		if i == 0 {
			p1 = 1
		}
	}
	ap5 /= float64(min(len(gold), 5))
	return ap5, rr, p1
}
