//go:build wrk

package web

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"factline/bot"
)

func TestTmpWrkParts(t *testing.T) {
	script := filepath.Join(t.TempDir(), "post.lua")
	lua := "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '" + benchBody + "'\n"
	os.WriteFile(script, []byte(lua), 0o644)
	f := newFixture(t, fixtureOptions{})
	ans, _ := f.bot.Ask(context.Background(), bot.Request{Text: housingClaim})
	variants := map[string]http.HandlerFunc{
		"static-json": func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, ans) },
		"ask-tiny": func(w http.ResponseWriter, r *http.Request) {
			f.bot.Ask(r.Context(), bot.Request{Text: housingClaim})
			w.Write([]byte("{}\n"))
		},
		"bare": bareHandler,
	}
	for _, name := range []string{"bare", "static-json", "ask-tiny", "bare"} {
		ln := listen(t)
		srv := &http.Server{Handler: variants[name]}
		go srv.Serve(ln)
		rps := wrkRun(t, script, "http://"+ln.Addr().String()+"/")
		srv.Close()
		t.Logf("%s: %.0f", name, rps)
	}
}
