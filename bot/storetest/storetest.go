// Package storetest is the contract every bot.Store implementation passes: the same tests run
// against SQLite and PostgreSQL, so the two cannot drift apart.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"factline/bot"
	"factline/facts"
	"factline/facts/match"
)

// Store is what a store adapter provides.
type Store interface {
	bot.Store
	bot.Archive
	Close() error
}

// Harness adapts the contract to one implementation.
type Harness struct {
	// New returns an empty, migrated store of its own; the harness closes it when t ends.
	New func(t *testing.T) Store
	// Second opens another Store on the same database as s, as a second replica or process would.
	Second func(t *testing.T, s Store) Store
	// Dump returns the value of every column of every row of every table of s's database, as text.
	Dump func(t *testing.T, s Store) []string
}

// Run runs the contract.
func Run(t *testing.T, h Harness) {
	t.Run("RecordAndTally", func(t *testing.T) { testRecordAndTally(t, h) })
	t.Run("ChatSettings", func(t *testing.T) { testChatSettings(t, h) })
	t.Run("Purge", func(t *testing.T) { testPurge(t, h) })
	t.Run("RetentionRunner", func(t *testing.T) { testRetentionRunner(t, h) })
	t.Run("ConcurrentWriters", func(t *testing.T) { testConcurrentWriters(t, h) })
	t.Run("NoIdentifierStored", func(t *testing.T) { testNoIdentifierStored(t, h) })
	t.Run("UnansweredOnlyWhenKept", func(t *testing.T) { testUnansweredOnlyWhenKept(t, h) })
	t.Run("StoreDownDuringAnswer", func(t *testing.T) { testStoreDown(t, h) })
	t.Run("FlushWhileAnswering", func(t *testing.T) { testFlushWhileAnswering(t, h) })
	t.Run("FlusherRuns", func(t *testing.T) { testFlusherRuns(t, h) })
	t.Run("FeedbackFloodBounded", func(t *testing.T) { testFeedbackFloodBounded(t, h) })
	t.Run("UnstorableBytesInAQuestion", func(t *testing.T) { testUnstorableBytes(t, h) })
	t.Run("ChoicesAfterOffers", func(t *testing.T) { testChoicesAfterOffers(t, h) })
	t.Run("NothingKeptOfWhatNobodyAsked", func(t *testing.T) { testNothingKeptUnasked(t, h) })
}

var ctx = context.Background()

func dayOf(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// Counts returns n answer counts of different myths on day, as a flush hands them to a Store.
func Counts(day time.Time, n int) []bot.AnswerEvents {
	out := make([]bot.AnswerEvents, n)
	for i := range out {
		out[i] = bot.AnswerEvents{N: i + 1, AnswerEvent: bot.AnswerEvent{
			MythID: fmt.Sprintf("myth-%d", i), Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en", Day: day}}
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testRecordAndTally(t *testing.T, h Harness) {
	s := h.New(t)
	old, d1, d2 := dayOf("2026-01-01"), dayOf("2026-02-01"), dayOf("2026-02-02")
	telegram := bot.AnswerEvent{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en"}
	on := func(e bot.AnswerEvent, d time.Time) bot.AnswerEvent { e.Day = d; return e }
	must(t, s.RecordAnswers(ctx, []bot.AnswerEvents{
		{AnswerEvent: on(telegram, old), N: 5},
		{AnswerEvent: on(telegram, d1), N: 1},
		{AnswerEvent: bot.AnswerEvent{MythID: "", Outcome: bot.Abstained, Surface: bot.SurfaceDiscord, Lang: "es", Day: d2}, N: 1},
	}))
	must(t, s.RecordAnswers(ctx, nil))
	// A second flush adds to the rows the first made, and makes new ones.
	must(t, s.RecordAnswers(ctx, []bot.AnswerEvents{
		{AnswerEvent: on(telegram, d2), N: 3},
		{AnswerEvent: on(telegram, d1), N: 2},
		{AnswerEvent: bot.AnswerEvent{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceWeb, Lang: "fr", Day: d2}, N: 1},
	}))
	helped := bot.FeedbackEvent{MythID: "housing", Helpful: true, Surface: bot.SurfaceWeb, Lang: "en", Day: d1}
	must(t, s.RecordFeedback(ctx, []bot.FeedbackEvents{
		{FeedbackEvent: helped, N: 2},
		{FeedbackEvent: bot.FeedbackEvent{MythID: "housing", Helpful: false, Reason: "too long", Surface: bot.SurfaceWeb, Lang: "en", Day: d1}, N: 1},
		{FeedbackEvent: bot.FeedbackEvent{MythID: "jobs", Helpful: false, Reason: "before the window", Surface: bot.SurfaceWeb, Lang: "en", Day: old}, N: 1},
	}))
	must(t, s.RecordFeedback(ctx, nil))
	// A second flush adds to the rows the first made, and makes new ones.
	must(t, s.RecordFeedback(ctx, []bot.FeedbackEvents{
		{FeedbackEvent: helped, N: 3},
		{FeedbackEvent: bot.FeedbackEvent{MythID: "housing", Helpful: false, Reason: "source is old", Surface: bot.SurfaceWeb, Lang: "en", Day: d2}, N: 1},
	}))
	must(t, s.RecordUnanswered(ctx, []bot.UnansweredQuestion{
		{Text: "first", Lang: "en", Surface: bot.SurfaceTelegram, Day: d1},
		{Text: "second", Lang: "fr", Surface: bot.SurfaceWeb, Day: d2},
	}))
	must(t, s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "too old", Lang: "fr", Surface: bot.SurfaceWeb, Day: old}}))
	must(t, s.RecordUnanswered(ctx, nil))

	tally, err := s.Tally(ctx, d1.Add(3*time.Hour)) // any time of d1 includes all of d1
	must(t, err)
	answers := map[bot.AnswerCount]bool{}
	for _, a := range tally.Answers {
		answers[a] = true
	}
	for _, want := range []bot.AnswerCount{
		{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en", Count: 6},
		{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceWeb, Lang: "fr", Count: 1},
		{MythID: "", Outcome: bot.Abstained, Surface: bot.SurfaceDiscord, Lang: "es", Count: 1},
	} {
		if !answers[want] {
			t.Errorf("answer counts %+v lack %+v", tally.Answers, want)
		}
	}
	if len(tally.Answers) != 3 {
		t.Errorf("got %d answer counts, want 3: %+v", len(tally.Answers), tally.Answers)
	}
	fb := map[bot.FeedbackCount]bool{}
	for _, f := range tally.Feedback {
		fb[f] = true
	}
	if len(tally.Feedback) != 2 || !fb[bot.FeedbackCount{MythID: "housing", Helpful: true, Count: 5}] || !fb[bot.FeedbackCount{MythID: "housing", Helpful: false, Count: 2}] {
		t.Errorf("feedback counts = %+v", tally.Feedback)
	}
	var reasons []string
	for _, r := range tally.Reasons {
		reasons = append(reasons, r.Reason)
	}
	if !slices.Equal(reasons, []string{"source is old", "too long"}) {
		t.Errorf("reasons = %q, want newest first, none before since", reasons)
	}
	var texts []string
	for _, q := range tally.Unanswered {
		texts = append(texts, q.Text)
	}
	if !slices.Equal(texts, []string{"second", "first"}) {
		t.Errorf("unanswered = %q, want newest first, none before since", texts)
	}
	if q := tally.Unanswered[0]; q.Lang != "fr" || q.Surface != bot.SurfaceWeb || !q.Day.Equal(d2) {
		t.Errorf("unanswered question read back as %+v", q)
	}
}

func testChatSettings(t *testing.T, h Harness) {
	s := h.New(t)
	got, err := s.ChatSettings(ctx, "k1")
	must(t, err)
	if got != (bot.ChatSettings{}) {
		t.Errorf("unknown chat has settings %+v", got)
	}
	must(t, s.SaveChatSettings(ctx, "k1", bot.ChatSettings{Lang: "fr", Auto: true}))
	must(t, s.SaveChatSettings(ctx, "k2", bot.ChatSettings{Lang: "es"}))
	must(t, s.SaveChatSettings(ctx, "k1", bot.ChatSettings{Lang: "es", Auto: true}))
	if got, _ := s.ChatSettings(ctx, "k1"); got != (bot.ChatSettings{Lang: "es", Auto: true}) {
		t.Errorf("k1 settings = %+v after overwrite", got)
	}
	forgot, err := s.ForgetChat(ctx, "k1")
	must(t, err)
	if !forgot {
		t.Error("ForgetChat(k1) found nothing to delete")
	}
	if got, _ := s.ChatSettings(ctx, "k1"); got != (bot.ChatSettings{}) {
		t.Errorf("k1 settings = %+v after ForgetChat", got)
	}
	if forgot, _ := s.ForgetChat(ctx, "k1"); forgot {
		t.Error("ForgetChat(k1) twice found something the second time")
	}
	if got, _ := s.ChatSettings(ctx, "k2"); got != (bot.ChatSettings{Lang: "es"}) {
		t.Errorf("forgetting k1 changed k2: %+v", got)
	}
	// Back to the defaults: nothing is left stored.
	must(t, s.SaveChatSettings(ctx, "k2", bot.ChatSettings{}))
	if forgot, _ := s.ForgetChat(ctx, "k2"); forgot {
		t.Error("default settings were kept as a row")
	}
}

func testPurge(t *testing.T, h Harness) {
	s := h.New(t)
	old, cutoff, recent := dayOf("2026-01-01"), dayOf("2026-01-31"), dayOf("2026-01-31")
	for _, d := range []time.Time{old, recent} {
		must(t, s.RecordAnswers(ctx, []bot.AnswerEvents{{AnswerEvent: bot.AnswerEvent{MythID: "jobs", Outcome: bot.Matched, Surface: bot.SurfaceWeb, Lang: "en", Day: d}, N: 1}}))
		must(t, s.RecordFeedback(ctx, []bot.FeedbackEvents{{FeedbackEvent: bot.FeedbackEvent{MythID: "jobs", Reason: "r", Day: d}, N: 2}}))
		must(t, s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "q " + d.Format(time.DateOnly), Lang: "en", Day: d}}))
	}
	must(t, s.SaveChatSettings(ctx, "k", bot.ChatSettings{Lang: "fr"}))
	p, err := s.Purge(ctx, cutoff)
	must(t, err)
	if p != (bot.Purged{Answers: 1, Feedback: 1, Unanswered: 1}) {
		t.Errorf("purged %+v, want one of each", p)
	}
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	if len(tally.Answers) != 1 || len(tally.Feedback) != 1 || len(tally.Unanswered) != 1 || tally.Unanswered[0].Text != "q 2026-01-31" {
		t.Errorf("after purge: %+v", tally)
	}
	if got, _ := s.ChatSettings(ctx, "k"); got.Lang != "fr" {
		t.Error("purge deleted chat settings")
	}
	if p, _ := s.Purge(ctx, cutoff); p.Total() != 0 {
		t.Errorf("second purge deleted %+v", p)
	}
}

// records is a slog handler that hands each record's message to a channel.
type records chan string

func (r records) Enabled(context.Context, slog.Level) bool        { return true }
func (r records) Handle(_ context.Context, rec slog.Record) error { r <- rec.Message; return nil }
func (r records) WithAttrs([]slog.Attr) slog.Handler              { return r }
func (r records) WithGroup(string) slog.Handler                   { return r }

func testRetentionRunner(t *testing.T, h Harness) {
	s := h.New(t)
	now := dayOf("2026-05-31").Add(15 * time.Hour)
	for _, d := range []string{"2026-04-30", "2026-05-01", "2026-05-31"} {
		must(t, s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: d, Day: dayOf(d)}}))
	}
	logs := make(records, 10)
	p := bot.NewPurger(s, bot.PurgerOptions{Retention: 30 * 24 * time.Hour, Every: time.Hour, Logger: slog.New(logs), Now: func() time.Time { return now }})
	if got := p.Cutoff(); !got.Equal(dayOf("2026-05-01")) {
		t.Errorf("cutoff %v, want 2026-05-01: 30 days kept", got)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- p.Run(runCtx) }()
	if msg := <-logs; msg != "purged" {
		t.Errorf("first log %q, want purged", msg)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v", err)
	}
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	var left []string
	for _, q := range tally.Unanswered {
		left = append(left, q.Text)
	}
	if !slices.Equal(left, []string{"2026-05-31", "2026-05-01"}) {
		t.Errorf("after the purge: %q, want the last 30 days", left)
	}
}

func testConcurrentWriters(t *testing.T, h Harness) {
	a := h.New(t)
	b := h.Second(t, a)
	const perWriter = 40
	d := dayOf("2026-03-01")
	var wg sync.WaitGroup
	errs := make(chan error, 4*perWriter*3)
	for w, s := range []Store{a, a, b, b} { // two goroutines on each of two stores
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				errs <- s.RecordAnswers(ctx, []bot.AnswerEvents{{AnswerEvent: bot.AnswerEvent{MythID: "wages", Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en", Day: d}, N: 1}})
				errs <- s.RecordFeedback(ctx, []bot.FeedbackEvents{{FeedbackEvent: bot.FeedbackEvent{MythID: "wages", Helpful: true, Day: d}, N: 1}})
				errs <- s.SaveChatSettings(ctx, fmt.Sprintf("chat-%d", w), bot.ChatSettings{Lang: []string{"en", "fr"}[i%2]})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent write failed: %v", err)
		}
	}
	tally, err := b.Tally(ctx, d)
	must(t, err)
	if len(tally.Answers) != 1 || tally.Answers[0].Count != 4*perWriter {
		t.Errorf("answer counts = %+v, want one row counting %d", tally.Answers, 4*perWriter)
	}
	if len(tally.Feedback) != 1 || tally.Feedback[0].Count != 4*perWriter {
		t.Errorf("feedback counts = %+v, want %d", tally.Feedback, 4*perWriter)
	}
}

// builtin is the built-in fact base's index, built once: the bot-level tests need a matcher.
var builtin = sync.OnceValues(func() (*facts.Index, error) {
	base, err := facts.Load(facts.Builtin())
	if err != nil {
		return nil, err
	}
	return facts.NewIndex(base, match.DefaultOptions())
})

func newBot(t *testing.T, s bot.Store, keep bool, obs bot.Observer) *bot.Bot {
	t.Helper()
	ix, err := builtin()
	must(t, err)
	secret, err := bot.NewSecret()
	must(t, err)
	return bot.New(bot.Options{Matcher: ix, Store: s, Secret: secret, KeepUnanswered: keep, Observer: obs})
}

// Questions the built-in base answers, and ones it abstains on.
const (
	answered   = "immigrants are the reason rent is so high"
	unanswered = "why are there so many potholes on my street"
)

func testNoIdentifierStored(t *testing.T, h Harness) {
	s := h.New(t)
	b := newBot(t, s, true, nil)
	const (
		chatID = "-100777123"
		userID = "4242777"
		chat   = "telegram:" + chatID
		user   = "telegram:" + userID
		email  = "amira.h@example.org"
		phone  = "+1 416 555 0199"
		handle = "@amira_h"
	)
	must(t, b.SetSettings(ctx, chat, bot.ChatSettings{Lang: "fr", Auto: true}))
	for _, text := range []string{
		answered,
		unanswered + " " + handle + " " + email,
		"call me at " + phone + " about the potholes",
	} {
		ans, err := b.Ask(ctx, bot.Request{Text: text, Surface: bot.SurfaceTelegram, Chat: chat, User: user})
		must(t, err)
		if ans.Outcome == bot.Chosen {
			t.Fatalf("unexpected outcome for %q", text)
		}
	}
	must(t, b.Feedback(ctx, bot.Feedback{MythID: "housing", Helpful: false, Reason: "ask " + handle + " or " + email,
		Surface: bot.SurfaceTelegram, Lang: "en", User: user, Chat: chat}))
	must(t, b.Flush(ctx))

	forbidden := []string{chatID, userID, chat, user, email, phone, handle, "amira", "555 0199", "5550199"}
	for _, k := range []string{chat, user, chatID, userID} {
		sum := sha256.Sum256([]byte(k))
		forbidden = append(forbidden, hex.EncodeToString(sum[:]))
	}
	values := h.Dump(t, s)
	all := strings.Join(values, "\n")
	for _, f := range forbidden {
		if strings.Contains(strings.ToLower(all), strings.ToLower(f)) {
			t.Errorf("the database holds %q:\n%s", f, all)
		}
	}
	// The dump is not vacuous: the scrubbed question, its placeholder and the chat's settings are there.
	for _, want := range []string{"potholes", "[email]", "[mention]", "[phone]", "housing", "fr"} {
		if !strings.Contains(all, want) {
			t.Errorf("the database lacks %q, so the scan proves little:\n%s", want, all)
		}
	}
}

func testUnansweredOnlyWhenKept(t *testing.T, h Harness) {
	for _, keep := range []bool{false, true} {
		s := h.New(t)
		b := newBot(t, s, keep, nil)
		ans, err := b.Ask(ctx, bot.Request{Text: unanswered, Surface: bot.SurfaceWeb})
		must(t, err)
		if ans.Outcome != bot.Abstained {
			t.Fatalf("%q was answered (%s): pick another unanswerable question", unanswered, ans.Outcome)
		}
		must(t, b.Flush(ctx))
		tally, err := s.Tally(ctx, time.Time{})
		must(t, err)
		if got := len(tally.Unanswered); got != map[bool]int{false: 0, true: 1}[keep] {
			t.Errorf("keep=%v: %d unanswered questions stored", keep, got)
		}
		if len(tally.Answers) != 1 || tally.Answers[0].Outcome != bot.Abstained {
			t.Errorf("keep=%v: answer counts %+v, want one abstention", keep, tally.Answers)
		}
	}
}

// testFlushWhileAnswering answers from several goroutines while another flushes the counts:
// every answer is counted once.
func testFlushWhileAnswering(t *testing.T, h Harness) {
	s := h.New(t)
	b := newBot(t, s, false, nil)
	const askers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, askers*each+1)
	for range askers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				_, err := b.Ask(ctx, bot.Request{Text: answered, Surface: bot.SurfaceDiscord})
				errs <- err
			}
		}()
	}
	flushed := make(chan struct{})
	go func() {
		defer close(flushed)
		for range 20 {
			if err := b.Flush(ctx); err != nil {
				errs <- err
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	<-flushed
	must(t, b.Flush(ctx))
	close(errs)
	for err := range errs {
		must(t, err)
	}
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	if len(tally.Answers) != 1 || tally.Answers[0].Count != askers*each {
		t.Errorf("answer counts %+v, want one row counting %d", tally.Answers, askers*each)
	}
}

// testFlusherRuns runs the flusher as serve does, at a short interval: an answer reaches the
// store without an explicit flush, and Run returns when its context ends.
func testFlusherRuns(t *testing.T, h Harness) {
	s := h.New(t)
	b := newBot(t, s, false, nil)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Flusher(10 * time.Millisecond).Run(runCtx) }()
	_, err := b.Ask(ctx, bot.Request{Text: answered, Surface: bot.SurfaceWeb})
	must(t, err)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		tally, err := s.Tally(ctx, time.Time{})
		must(t, err)
		if len(tally.Answers) == 1 && tally.Answers[0].Count == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the flusher did not store the answer within 5 s: %+v", tally.Answers)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v when its context ended", err)
	}
}

// storeErrors counts ObserveStoreError calls by operation.
type storeErrors struct {
	mu  sync.Mutex
	ops map[string]int
}

func (o *storeErrors) ObserveAnswer(bot.Surface, bot.Outcome, time.Duration) {}
func (o *storeErrors) ObserveReload(bool)                                    {}
func (o *storeErrors) ObserveFallback(string)                                {}
func (o *storeErrors) ObserveStoreError(op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ops[op]++
}

func testStoreDown(t *testing.T, h Harness) {
	s := h.New(t)
	must(t, s.Close())
	obs := &storeErrors{ops: map[string]int{}}
	b := newBot(t, s, true, obs)
	ans, err := b.Ask(ctx, bot.Request{Text: answered, Surface: bot.SurfaceTelegram, Chat: "telegram:1"})
	if err != nil || ans.Body == nil || ans.Match == nil || ans.Match.ID != "housing" {
		t.Fatalf("with the store down: answer %+v, err %v; want the housing answer", ans, err)
	}
	if _, err := b.Ask(ctx, bot.Request{Text: unanswered, Surface: bot.SurfaceTelegram}); err != nil {
		t.Fatalf("abstaining with the store down: %v", err)
	}
	if err := b.Feedback(ctx, bot.Feedback{MythID: "housing", Helpful: true, Lang: "en"}); err != nil {
		t.Errorf("feedback with the store down: %v", err)
	}
	if err := b.SetSettings(ctx, "telegram:1", bot.ChatSettings{Lang: "es"}); err != nil {
		t.Errorf("settings with the store down: %v", err)
	}
	if err := b.Flush(ctx); err == nil {
		t.Error("flushing the answer counts and the question to a closed store succeeded")
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	for _, op := range []string{"chat_settings", "record_answers", "record_unanswered", "record_feedback", "save_chat_settings"} {
		if obs.ops[op] == 0 {
			t.Errorf("store error in %s not observed: %v", op, obs.ops)
		}
	}
}

// testFeedbackFloodBounded sends a flood of feedback through the bot, every vote with a long
// reason of its own holding an e-mail address, a byte that is not UTF-8 and a NUL (which
// PostgreSQL refuses in text), over several flushes: every vote is counted, but
// the database holds a row per myth, language and verdict and at most a bounded number of cut,
// scrubbed reasons per flush, however many votes came.
func testFeedbackFloodBounded(t *testing.T, h Harness) {
	s := h.New(t)
	b := newBot(t, s, false, nil)
	const flushes, each = 3, 400
	long := strings.Repeat("the figures are from another year ", 100) // 3,500 characters
	for f := range flushes {
		for i := range each {
			fb := bot.Feedback{MythID: []string{"housing", "jobs"}[i%2], Helpful: i%3 == 0, Lang: []string{"en", "fr"}[i%2],
				Surface: bot.SurfaceWeb, Reason: fmt.Sprintf("write to amira.h@example.org %d-%d \xff\x00 %s", f, i, long)}
			must(t, b.Feedback(ctx, fb))
		}
		must(t, b.Flush(ctx))
	}
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	total := 0
	for _, c := range tally.Feedback {
		total += c.Count
	}
	if total != flushes*each {
		t.Errorf("%d votes counted, want %d: %+v", total, flushes*each, tally.Feedback)
	}
	rows, reasons := 0, 0
	for _, v := range h.Dump(t, s) {
		col, val, _ := strings.Cut(v, "=")
		if strings.Contains(val, "amira") {
			t.Fatalf("an e-mail address was stored: %.80q", v)
		}
		if n := utf8.RuneCountInString(val); n > bot.MaxReasonRunes {
			t.Errorf("%s holds %d characters, over the %d a reason may have", col, n, bot.MaxReasonRunes)
		}
		if strings.HasPrefix(col, "feedback.") && strings.HasSuffix(col, ".count") {
			rows++
		}
		if strings.HasPrefix(col, "feedback.") && strings.HasSuffix(col, ".reason") && val != "" {
			reasons++
		}
	}
	// The votes fall on 2 myths x 2 verdicts without a reason; the rest of the rows are the
	// reasons, at most MaxReasonsPerFlush a flush. Stored as sent, the flood would take 1,200 rows.
	if reasons > flushes*bot.MaxReasonsPerFlush || rows > reasons+4 {
		t.Errorf("%d feedback rows, %d with a reason, after %d votes; want at most %d reasons and 4 more rows",
			rows, reasons, flushes*each, flushes*bot.MaxReasonsPerFlush)
	}
	if len(tally.Reasons) == 0 {
		t.Error("no reason kept: the bound proves little")
	}
}

// testUnstorableBytes asks, from the web form, an unanswerable question holding a byte that is
// not UTF-8 and a NUL, which PostgreSQL refuses in text: the question is stored without them,
// and does not hold back the questions after it.
func testUnstorableBytes(t *testing.T, h Harness) {
	s := h.New(t)
	b := newBot(t, s, true, nil)
	for _, text := range []string{unanswered + " \xff\x00 today", unanswered + " again"} {
		if _, err := b.Ask(ctx, bot.Request{Text: text, Surface: bot.SurfaceWeb}); err != nil {
			t.Fatal(err)
		}
	}
	must(t, b.Flush(ctx))
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	if len(tally.Unanswered) != 2 {
		t.Fatalf("%d questions stored, want 2: %+v", len(tally.Unanswered), tally.Unanswered)
	}
	for _, q := range tally.Unanswered {
		if !utf8.ValidString(q.Text) || strings.ContainsRune(q.Text, 0) {
			t.Errorf("stored %q", q.Text)
		}
	}
}

// testChoicesAfterOffers follows the curator's loop: questions the bot could not answer are
// offered suggestions or topics; an asker picks a myth for one and declines for another; the
// report then lists the first as a phrasing for the chosen myth and the second apart.
func testChoicesAfterOffers(t *testing.T, h Harness) {
	s := h.New(t)
	ix, err := builtin()
	must(t, err)
	secret, err := bot.NewSecret()
	must(t, err)
	b := bot.New(bot.Options{Matcher: ix, Store: s, Secret: secret, KeepUnanswered: true, Offers: true})
	ask := func(text string) bot.Answer {
		ans, err := b.Ask(ctx, bot.Request{Text: text, Surface: bot.SurfaceTelegram})
		must(t, err)
		if ans.Body != nil || ans.Offer == "" {
			t.Fatalf("%q: outcome %s, offer %q: want no answer and an offer", text, ans.Outcome, ans.Offer)
		}
		return ans
	}
	picked := ask("those newcomers are why my street has potholes @amira_h")
	declined := ask(unanswered)
	_, err = b.Explain(ctx, "housing", bot.Request{Surface: bot.SurfaceTelegram, Offer: picked.Offer})
	must(t, err)
	must(t, b.Decline(ctx, declined.Offer, bot.Request{Surface: bot.SurfaceTelegram}))
	// An offer is used once: a second tap (or a replayed button) teaches nothing more.
	_, err = b.Explain(ctx, "jobs", bot.Request{Surface: bot.SurfaceTelegram, Offer: picked.Offer})
	must(t, err)
	must(t, b.Flush(ctx))

	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	r := bot.BuildReport(tally, time.Time{}, ix.Base())
	if len(r.Chosen) != 1 || r.Chosen[0].MythID != "housing" || len(r.Chosen[0].Questions) != 1 {
		t.Fatalf("chosen phrasings %+v, want one question for housing", r.Chosen)
	}
	q := r.Chosen[0].Questions[0]
	if q.Text != "those newcomers are why my street has potholes [mention]" || q.Line != `  - "those newcomers are why my street has potholes [mention]"` {
		t.Errorf("chosen question %+v: want it scrubbed, with a line ready for the myth's phrasings", q)
	}
	if len(r.NoneOfThese) != 1 || r.NoneOfThese[0].Examples[0] != unanswered || r.Declined != 1 {
		t.Errorf("none of these %+v (declined %d): want the declined question, counted once", r.NoneOfThese, r.Declined)
	}
	n := 0
	for _, g := range r.Unanswered {
		n += g.Count
	}
	if n != 2 {
		t.Errorf("%d questions on the to-do list %+v: both stay there as asked", n, r.Unanswered)
	}
}

// testNothingKeptUnasked: a message the bot overheard in a group, and a text still being typed
// in inline mode, are counted but never kept, even by an install that keeps unanswered questions.
func testNothingKeptUnasked(t *testing.T, h Harness) {
	s := h.New(t)
	ix, err := builtin()
	must(t, err)
	secret, err := bot.NewSecret()
	must(t, err)
	b := bot.New(bot.Options{Matcher: ix, Store: s, Secret: secret, KeepUnanswered: true, Offers: true})
	for _, req := range []bot.Request{
		{Text: "see you at the meeting tonight, Maria", Surface: bot.SurfaceTelegram, Overheard: true},
		{Text: unanswered, Surface: bot.SurfaceTelegram, Overheard: true},
		{Text: unanswered, Surface: bot.SurfaceTelegram, Draft: true},
	} {
		ans, err := b.Ask(ctx, req)
		must(t, err)
		if ans.Offer != "" {
			t.Errorf("%+v: an offer was opened", req)
		}
	}
	must(t, b.Flush(ctx))
	tally, err := s.Tally(ctx, time.Time{})
	must(t, err)
	if len(tally.Unanswered) != 0 {
		t.Errorf("kept %+v: nobody asked", tally.Unanswered)
	}
	n := 0
	for _, a := range tally.Answers {
		n += a.Count
	}
	if n != 3 {
		t.Errorf("%d answers counted, want 3", n)
	}
}

// FlushedTally flushes what b counted into store, as serve does when the surfaces have stopped,
// and returns what store then holds.
func FlushedTally(t *testing.T, b *bot.Bot, store interface {
	Tally(context.Context, time.Time) (bot.Tally, error)
}) bot.Tally {
	t.Helper()
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	tally, err := store.Tally(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return tally
}

// OutcomeCounts sums a tally's answers by outcome.
func OutcomeCounts(tally bot.Tally) map[bot.Outcome]int {
	count := map[bot.Outcome]int{}
	for _, a := range tally.Answers {
		count[a.Outcome] += a.Count
	}
	return count
}
