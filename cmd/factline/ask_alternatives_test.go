package main

import (
	"context"
	"strings"
	"testing"

	"factline/bot"
	"factline/facts/factstest"
)

// TestAskPrintsAlternativesToRun: when the answer has alternatives, `ask` prints for each a
// command that, run as printed, prints that myth's answer in the answer's language, outcome
// chosen. The claim is picked at run time among the base's own claims, since which have
// alternatives depends on the matcher; one in another language than English is preferred, so
// that the command must carry --lang.
func TestAskPrintsAlternativesToRun(t *testing.T) {
	ix := factstest.Index(t)
	b := bot.New(bot.Options{Matcher: ix})
	var claim string
	var want bot.Answer
	for _, m := range ix.Base().Myths {
		for _, l := range m.Langs() {
			ans, err := b.Ask(context.Background(), bot.Request{Text: m.Texts[l].Claim, Surface: bot.SurfaceCLI})
			if err == nil && ans.Outcome == bot.Matched && len(ans.Alternatives) > 0 && (claim == "" || want.Body.Lang == bot.DefaultLang) {
				claim, want = m.Texts[l].Claim, ans
			}
		}
	}
	if claim == "" {
		t.Fatal("no claim of the base is answered with alternatives: the test needs one")
	}
	t.Logf("asking %q (%s)", claim, want.Body.Lang)
	code, out, errOut := runCLI(t, nil, "ask", claim)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var cmds []string
	for _, line := range strings.Split(out, "\n") {
		if c, _, ok := strings.Cut(strings.TrimSpace(line), "#"); ok && strings.HasPrefix(c, "factline ask --myth ") {
			cmds = append(cmds, strings.TrimSpace(c))
		}
	}
	if len(cmds) != len(want.Alternatives) {
		t.Fatalf("%q: commands %q, want one per alternative %+v:\n%s", claim, cmds, want.Alternatives, out)
	}
	for i, alt := range want.Alternatives {
		args := strings.Fields(cmds[i])[1:]
		if args[2] != alt.ID {
			t.Errorf("command %d %q, want --myth %s", i, cmds[i], alt.ID)
			continue
		}
		chosen, err := b.Explain(context.Background(), alt.ID, bot.Request{Lang: want.Body.Lang, Surface: bot.SurfaceCLI})
		if err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := runCLI(t, nil, args...); code != 0 || !strings.HasPrefix(out, chosen.Body.Short) {
			t.Errorf("%q: exit %d %s, want %s's answer in %s:\n%s", cmds[i], code, errOut, alt.ID, want.Body.Lang, out)
		}
		if code, out, _ := runCLI(t, nil, append(args, "--format", "json")...); code != 0 || !strings.Contains(out, `"outcome": "chosen"`) {
			t.Errorf("%q --format json: exit %d, want outcome chosen:\n%s", cmds[i], code, out)
		}
	}
}
