package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"

	"factline/bot"
	"factline/facts/match"
)

func cmdEval(e env, args []string) error {
	f := newFlags(e, "eval", "FILE.jsonl | --claims CLAIMS.jsonl --queries QUERIES.jsonl",
		"Measure the matcher. With FILE.jsonl (lines {\"text\", \"gold\": [myth ids]}; empty gold = must abstain) it runs\n"+
			"the bot on the fact base. With --claims and --queries it ranks an external claim collection (CheckThat! format).")
	asJSON := f.Bool("json", false, "print the report as JSON")
	claims := f.String("claims", "", "claim collection `file` ({\"id\",\"text\",\"title\"} lines)")
	queries := f.String("queries", "", "queries `file` ({\"id\",\"text\",\"gold\",\"split\"} lines)")
	split := f.String("split", "", "evaluate only the queries of this `split` (e.g. dev, train)")
	mode := f.String("mode", "ask", "with FILE.jsonl: `ask` (every line asked explicitly) or auto (every line overheard, as in a group in auto mode)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	var report any
	switch {
	case *claims != "" || *queries != "":
		if *claims == "" || *queries == "" || len(pos) > 0 {
			return usageError("--claims and --queries go together, without FILE")
		}
		r, err := evalRanking(*claims, *queries, *split)
		if err != nil {
			return err
		}
		report = r
	case len(pos) == 1:
		cfg, err := f.load()
		if err != nil {
			return err
		}
		if *mode != "ask" && *mode != "auto" {
			return usageError("unknown --mode %q: use ask or auto", *mode)
		}
		r, err := evalBot(cfg.Facts, policy(cfg), pos[0], *mode == "auto")
		if err != nil {
			return err
		}
		report = r
	default:
		f.Usage()
		return exitStatus(2)
	}
	if *asJSON {
		return printJSON(e.stdout, report)
	}
	_, err = fmt.Fprint(e.stdout, report)
	return err
}

// botReport is the outcome of running the bot over a labelled set.
type botReport struct {
	Mode         string  `json:"mode"`
	OnTopic      int     `json:"on_topic"`
	Top1Accuracy float64 `json:"top1_accuracy"`
	WrongAnswers int     `json:"wrong_answers"`
	// Suggested counts the on-topic lines answered by suggestions only, the right myth among them.
	Suggested int `json:"suggested"`
	// Alternative counts the on-topic lines answered with another myth, the right one offered
	// among the first two alternatives under the answer (explicit asks only: an overheard
	// message's answer offers none).
	Alternative int `json:"alternative"`
	// Top3Recall is the share of on-topic lines whose myth is the answer, among the first two
	// alternatives offered under it, or among the suggestions: one of the three myths offered.
	Top3Recall      float64 `json:"top3_recall"`
	OffTopic        int     `json:"off_topic"`
	FalseAnswers    int     `json:"false_answers"`
	AbstainAccuracy float64 `json:"abstain_accuracy"`
	// OffTopicSuggested counts the off-topic lines that got suggestions.
	OffTopicSuggested int `json:"off_topic_suggested"`
	misses            []string
}

func (r botReport) String() string {
	s := fmt.Sprintf("mode                 %s\non_topic             %d\ntop1_accuracy        %.3f\nwrong_answers        %d\n"+
		"suggested            %d\nalternative          %d\ntop3_recall          %.3f\noff_topic            %d\nfalse_answers        %d\n"+
		"abstain_accuracy     %.3f\noff_topic_suggested  %d\n",
		r.Mode, r.OnTopic, r.Top1Accuracy, r.WrongAnswers, r.Suggested, r.Alternative, r.Top3Recall, r.OffTopic, r.FalseAnswers,
		r.AbstainAccuracy, r.OffTopicSuggested)
	if len(r.misses) > 0 {
		s += "\nmisses:\n"
		for _, m := range r.misses {
			s += "  " + m + "\n"
		}
	}
	return s
}

type labelled struct {
	Text string   `json:"text"`
	Gold []string `json:"gold"`
}

// evalBot asks the bot every line of a labelled file, explicitly or (auto) as overheard messages.
func evalBot(factsDir string, p bot.Policy, path string, auto bool) (botReport, error) {
	r := botReport{Mode: "ask"}
	if auto {
		r.Mode = "auto"
	}
	ix, err := loadIndex(factsDir)
	if err != nil {
		return r, err
	}
	b := bot.New(bot.Options{Matcher: ix, Policy: p})
	file, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	correct, abstainedRight, inTop3, line := 0, 0, 0, 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var q labelled
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return r, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		ans, err := b.Ask(context.Background(), bot.Request{Text: q.Text, Surface: bot.SurfaceCLI, Overheard: auto})
		if err != nil {
			return r, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		got := ""
		if ans.Match != nil {
			got = ans.Match.ID
		}
		suggested := slices.ContainsFunc(ans.Suggestions, func(s bot.Suggestion) bool { return slices.Contains(q.Gold, s.ID) })
		alternative := !auto && got != "" && !slices.Contains(q.Gold, got) &&
			slices.ContainsFunc(ans.Alternatives[:min(2, len(ans.Alternatives))], func(m bot.Match) bool { return slices.Contains(q.Gold, m.ID) })
		if len(q.Gold) == 0 {
			r.OffTopic++
			if len(ans.Suggestions) > 0 {
				r.OffTopicSuggested++
			}
			if got == "" {
				abstainedRight++
			} else {
				r.FalseAnswers++
				r.misses = append(r.misses, fmt.Sprintf("answered %s: %s", got, q.Text))
			}
			continue
		}
		r.OnTopic++
		if suggested {
			r.Suggested++
		}
		if alternative {
			r.Alternative++
		}
		if suggested || alternative || got != "" && slices.Contains(q.Gold, got) {
			inTop3++
		}
		switch {
		case got != "" && slices.Contains(q.Gold, got):
			correct++
		case got != "":
			r.WrongAnswers++
			r.misses = append(r.misses, fmt.Sprintf("answered %s, want %v: %s", got, q.Gold, q.Text))
		default:
			r.misses = append(r.misses, fmt.Sprintf("abstained, want %v: %s", q.Gold, q.Text))
		}
	}
	if err := sc.Err(); err != nil {
		return r, err
	}
	if r.OnTopic > 0 {
		r.Top1Accuracy = float64(correct) / float64(r.OnTopic)
		r.Top3Recall = float64(inTop3) / float64(r.OnTopic)
	}
	if r.OffTopic > 0 {
		r.AbstainAccuracy = float64(abstainedRight) / float64(r.OffTopic)
	}
	return r, nil
}

type rankingText struct{ match.RankingReport }

func (r rankingText) String() string {
	return fmt.Sprintf("queries  %d\nmap@5    %.4f\nmrr      %.4f\np@1      %.4f\n", r.Queries, r.MAP5, r.MRR, r.P1)
}

func evalRanking(claimsPath, queriesPath, split string) (any, error) {
	docs, err := readWith(claimsPath, match.ReadClaims)
	if err != nil {
		return nil, err
	}
	qs, err := readWith(queriesPath, match.ReadQueries)
	if err != nil {
		return nil, err
	}
	if split != "" {
		qs = slices.DeleteFunc(qs, func(q match.Query) bool { return q.Split != split })
		if len(qs) == 0 {
			return nil, fmt.Errorf("no queries in split %q", split)
		}
	}
	ix, err := match.Build(docs, match.DefaultOptions())
	if err != nil {
		return nil, err
	}
	return rankingText{match.EvaluateRanking(ix, qs)}, nil
}

// readWith opens path and parses it with read, naming the file in any error.
func readWith[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
