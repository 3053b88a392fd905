// Package telegram is factline's Telegram surface: private questions, /check in groups (also as a
// reply to the message to check, and on mentions), pictures (memes, screenshots), forum topics, inline mode, answer buttons,
// "Is it one of these?" suggestions, /myths and /lang, with long polling or a webhook. It wraps
// go-telegram-bot-api/v5 behind the private botAPI interface and decodes updates itself (see
// wire.go).
//
// Files: telegram.go is the lifecycle; poll.go and webhook.go the two ways updates arrive, wire.go
// their decoding; commands.go the one list of commands (routing, menu, help); handlers.go,
// settings.go and inline.go turn updates into bot requests, pictures.go the pictures asked about
// (and downloads them); render.go, split.go and messages.go
// turn answers into Telegram HTML, keyboards and the bot's own words; send.go sends them, one
// queue per chat; api.go is the Bot API client.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"factline/bot"
)

// Options configure the adapter. Token is required; zero values take the defaults noted.
type Options struct {
	// Token is the bot's token from BotFather; it is never logged.
	Token string
	// APIEndpoint is the Bot API URL pattern with two %s, for the token and the method;
	// default "https://api.telegram.org/bot%s/%s".
	APIEndpoint string
	// FileEndpoint is the file download URL pattern with two %s, for the token and the file's
	// path; default the host of APIEndpoint with /file/bot%s/%s, as Telegram serves files.
	FileEndpoint string
	// MaxPicture is the largest picture downloaded to be read, in bytes; larger ones are
	// refused from the size Telegram declares, before any download. Default DefaultMaxPicture,
	// at most DownloadLimit (what the Bot API lets a bot download).
	MaxPicture int64
	// WebhookURL, when set, switches from long polling to a webhook at this public URL.
	WebhookURL string
	// WebhookAddr is where the webhook listener binds, default ":8443".
	WebhookAddr string
	// WebhookSecret is required with a webhook: Telegram sends it in X-Telegram-Bot-Api-Secret-Token
	// and requests without it are refused. 1 to 256 characters of A-Z, a-z, 0-9, _ and -.
	WebhookSecret string
	// WebhookListener, when set, is used instead of listening on WebhookAddr (tests, socket activation).
	WebhookListener net.Listener
	// MaxQuestion is the longest message checked, in characters; longer ones are refused politely.
	// Default 2000, as the bot's policy.
	MaxQuestion int
	// AutoEvery is the least time between two unprompted answers in one group; default 10 minutes.
	AutoEvery time.Duration
	// PollTimeout is the long-polling timeout, default 30 s.
	PollTimeout time.Duration
	// CallTimeout bounds every Bot API call (beyond the poll timeout for getUpdates), default 15 s.
	CallTimeout time.Duration
	// RetryBase is the first backoff after a 5xx or network error, doubled per attempt; default 1 s.
	RetryBase time.Duration
	// MaxRetryWait caps a backoff, and the 429 retry_after a call waits in its handler, default
	// 60 s. A reply is not capped: it waits in its chat's queue (see SendQueue) as long as Telegram
	// asks, without holding up other chats.
	MaxRetryWait time.Duration
	// Workers is how many updates are handled at once, default 8.
	Workers int
	// SendQueue is how many replies one chat may have waiting while Telegram asks the bot to wait
	// (429 retry_after); beyond it the oldest waiting reply is dropped, counted and logged. Default 20.
	SendQueue int
	// SlowDownEvery is the least time between two "slow down" notes to one asker in one chat:
	// the messages refused meanwhile get no reply. Default 30 s.
	SlowDownEvery time.Duration
	// RefusedLogEvery is the least time between two log lines about refused webhook requests
	// (a wrong secret); each line counts the refusals since the last. Default 1 minute.
	RefusedLogEvery time.Duration
	// ShutdownGrace is how long updates in hand (and webhook requests) may go on after Run's
	// context ends; default 8 s.
	ShutdownGrace time.Duration
	// Logger receives the adapter's logs, which never hold tokens, user names or ids.
	Logger *slog.Logger
}

// Adapter is the Telegram surface. Create it with New, then call Run.
type Adapter struct {
	core bot.Core
	opts Options
	log  *slog.Logger
	// The fields below are set by Run before any update is handled.
	api      botAPI
	username string
	botID    int64
	out      *outbox
	// auto paces unprompted answers per group; slow paces "slow down" notes per asker and chat.
	auto    *cooldown[int64]
	slow    *cooldown[uint64]
	seed    maphash.Seed
	refused *logEvery
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// New checks the options and returns an adapter; it does no I/O.
func New(core bot.Core, o Options) (*Adapter, error) {
	if core == nil {
		return nil, errors.New("telegram: no bot core")
	}
	if o.Token == "" {
		return nil, errors.New("telegram: the bot token is empty (TELEGRAM_BOT_TOKEN)")
	}
	if o.APIEndpoint == "" {
		o.APIEndpoint = "https://api.telegram.org/bot%s/%s"
	}
	if strings.Count(o.APIEndpoint, "%s") != 2 {
		return nil, fmt.Errorf("telegram: API endpoint %q must contain two %%s, for the token and the method", o.APIEndpoint)
	}
	if o.FileEndpoint == "" {
		o.FileEndpoint = fileEndpoint(o.APIEndpoint)
	}
	if strings.Count(o.FileEndpoint, "%s") != 2 {
		return nil, fmt.Errorf("telegram: file endpoint %q must contain two %%s, for the token and the file path", o.FileEndpoint)
	}
	if o.MaxPicture <= 0 {
		o.MaxPicture = DefaultMaxPicture
	}
	o.MaxPicture = min(o.MaxPicture, DownloadLimit)
	if o.WebhookURL != "" {
		u, err := url.Parse(o.WebhookURL)
		if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
			return nil, fmt.Errorf("telegram: webhook URL %q is not an http(s) URL", o.WebhookURL)
		}
		if !secretToken.MatchString(o.WebhookSecret) {
			return nil, errors.New("telegram: a webhook needs a secret of 1-256 characters A-Z, a-z, 0-9, _ or - (TELEGRAM_WEBHOOK_SECRET)")
		}
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.PollTimeout, 30*time.Second)
	def(&o.CallTimeout, 15*time.Second)
	def(&o.RetryBase, time.Second)
	def(&o.MaxRetryWait, 60*time.Second)
	def(&o.AutoEvery, 10*time.Minute)
	def(&o.SlowDownEvery, 30*time.Second)
	def(&o.RefusedLogEvery, time.Minute)
	def(&o.ShutdownGrace, shutdownGrace)
	if o.WebhookAddr == "" {
		o.WebhookAddr = ":8443"
	}
	if o.MaxQuestion <= 0 {
		o.MaxQuestion = bot.DefaultPolicy().MaxQuestion
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.SendQueue <= 0 {
		o.SendQueue = 20
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Adapter{core: core, opts: o, log: log, auto: newCooldown[int64](o.AutoEvery),
		slow: newCooldown[uint64](o.SlowDownEvery), seed: maphash.MakeSeed(), refused: newLogEvery(o.RefusedLogEvery)}, nil
}

// Run connects to the Bot API and handles updates, by long polling or webhook, until ctx ends;
// then it finishes the updates in hand and returns.
func (a *Adapter) Run(ctx context.Context) error {
	api, self, err := connect(ctx, a.opts, a.log)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.api, a.username, a.botID = api, self.UserName, self.ID
	if err := a.setCommands(ctx); err != nil && ctx.Err() == nil {
		a.log.Warn("no command menu", "err", err) // it only costs the menu
	}
	d := newDispatcher(ctx, a, a.opts.Workers)
	defer d.wait()
	if a.opts.WebhookURL != "" {
		a.log.Info("receiving updates by webhook", "bot", a.username)
		return a.serveWebhook(ctx, d)
	}
	a.log.Info("receiving updates by long polling", "bot", a.username)
	return a.poll(ctx, d)
}

// allowedUpdates are the update kinds the bot asks for; edited messages are left out on purpose.
const allowedUpdates = `["message","callback_query","inline_query"]`

// handlerTimeout bounds the handling of one update.
const handlerTimeout = 2 * time.Minute

// shutdownGrace is the default Options.ShutdownGrace: long enough that an answer being sent is
// not cut in half, yet a stop is not held up by a long 429 wait (container runtimes kill after
// about ten seconds).
const shutdownGrace = 8 * time.Second

// dispatcher handles updates concurrently, at most n at once, and owns their goroutines; its
// outbox sends their replies, and it logs the errors their handlers return.
type dispatcher struct {
	a *Adapter
	// work is the handlers' context: it ends Options.ShutdownGrace after Run's.
	work     context.Context
	stopWork func()
	sem      chan struct{}
	wg       sync.WaitGroup
}

// newDispatcher also gives the adapter its outbox, which lives as long as the dispatcher.
func newDispatcher(ctx context.Context, a *Adapter, n int) *dispatcher {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(a.opts.ShutdownGrace, cancel) })
	a.out = newOutbox(ctx, work, a.api, a.opts, a.log)
	return &dispatcher{a: a, work: work, stopWork: func() { stop(); cancel() }, sem: make(chan struct{}, n)}
}

// dispatch decodes one raw update and handles it in its own goroutine, waiting for a free worker
// unless ctx ends first. An update that cannot be decoded, or whose handling panics, is logged and
// dropped: it must never stop the others.
func (d *dispatcher) dispatch(ctx context.Context, raw []byte) {
	u, err := decodeUpdate(raw)
	if err != nil {
		d.a.log.Warn("dropped an update that cannot be decoded", "err", err)
		return
	}
	select {
	case d.sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer func() { <-d.sem }()
		hctx, cancel := context.WithTimeout(d.work, handlerTimeout)
		defer cancel()
		defer d.a.recoverUpdate(u)
		d.a.logHandled(hctx, u, d.a.handle(hctx, u))
	}()
}

// logHandled logs what went wrong handling an update, once: at debug level what the asker caused
// (asking too fast, a forged button) and was told about, else as a warning, or an error when the
// core failed.
func (a *Adapter) logHandled(ctx context.Context, u update, err error) {
	if err == nil {
		return
	}
	level := slog.LevelWarn
	var be *bot.Error
	switch {
	case errors.As(err, &be) && be.Code != bot.CodeInternal:
		level = slog.LevelDebug
	case errors.As(err, &be):
		level = slog.LevelError
	}
	a.log.Log(ctx, level, "update not handled", "kind", u.kind(), "err", err)
}

// recoverUpdate, deferred, turns a panic while handling an update into an error log with the
// update's kind and a stack (never the user's text), and apologises where the user expects an
// answer: in a private chat, or under a button they pressed. A group message may not have been
// meant for the bot at all, so it gets no apology.
func (a *Adapter) recoverUpdate(u update) {
	r := recover()
	if r == nil {
		return
	}
	a.log.Error("handling an update panicked; dropped it", "update_id", u.UpdateID, "kind", u.kind(),
		"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	var to *message
	var from *user
	switch {
	case u.Message != nil && u.Message.private():
		to, from = u.Message, u.Message.From
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		to, from = u.CallbackQuery.Message, &u.CallbackQuery.From
	default:
		return
	}
	defer func() {
		if r := recover(); r != nil { // a panic here would end the process: the apology is not worth it
			a.log.Error("apologising for a panic panicked too", "kind", u.kind(), "panic", fmt.Sprint(r))
		}
	}()
	lang := ""
	if from != nil {
		lang = baseLang(from.LanguageCode)
	}
	a.send(destOf(to), text(textsFor(lang).Failed))
}

// wait waits for the updates in hand, then for their replies to be sent (or given up), then
// releases the handlers' context.
func (d *dispatcher) wait() {
	d.wg.Wait()
	d.a.out.close()
	d.stopWork()
}

// cooldown remembers when each key last had its turn (a group's unprompted answer, an asker's
// "slow down" note). It keeps keys in memory only, and forgets them once their cooldown is over.
type cooldown[K comparable] struct {
	every time.Duration
	mu    sync.Mutex
	last  map[K]time.Time
}

func newCooldown[K comparable](every time.Duration) *cooldown[K] {
	return &cooldown[K]{every: every, last: map[K]time.Time{}}
}

// take reports whether key may have its turn now, and if so starts its cooldown.
func (c *cooldown[K]) take(key K, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.last[key]; ok && now.Sub(t) < c.every {
		return false
	}
	for k, t := range c.last {
		if now.Sub(t) >= c.every {
			delete(c.last, k)
		}
	}
	c.last[key] = now
	return true
}

// askerKey identifies an asker in a chat for the slow-down cooldown by a salted hash, so the
// adapter's memory holds no user id in clear.
func askerKey(seed maphash.Seed, chat int64, u *user) uint64 {
	var id int64
	if u != nil {
		id = u.ID
	}
	return maphash.Comparable(seed, [2]int64{chat, id})
}

// logEvery lets a repeated event through to the log at most once per interval, so a flood of
// them (refused webhook requests, dropped replies) cannot flood the log; the line let through
// counts the events since the last one.
type logEvery struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
	held  int
}

func newLogEvery(every time.Duration) *logEvery { return &logEvery{every: every} }

// flush returns the events held back since the last line, and forgets them.
func (l *logEvery) flush() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.held
	l.held = 0
	return n
}

// add records n events and reports whether to log now, with the events since the last line.
func (l *logEvery) add(now time.Time, n int) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.held += n
	if !l.last.IsZero() && now.Sub(l.last) < l.every {
		return 0, false
	}
	total := l.held
	l.last, l.held = now, 0
	return total, true
}
