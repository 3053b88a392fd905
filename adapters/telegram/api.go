package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// botAPI is the one Bot API call the adapter needs: a method, its parameters, its raw result.
// Everything goes through it, typed or not, so the adapter can use fields the library lacks
// (message_thread_id, link_preview_options, secret_token, the inline results button) and tests
// could swap the transport without touching the handlers.
type botAPI interface {
	// call retries 429 and transient failures a few times, waiting in the caller's goroutine.
	call(ctx context.Context, method string, p tgbotapi.Params) (json.RawMessage, error)
	// once makes one attempt, for callers that schedule their own retries (the outbox).
	once(ctx context.Context, method string, p tgbotapi.Params) (json.RawMessage, error)
	// download fetches a file by its file_id (getFile, then the file endpoint), refusing with
	// errTooLarge a file over limit bytes.
	download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// apiClient implements botAPI over tgbotapi's raw request API (MakeRequest), adding what the
// library lacks: a context per call, timeouts, and retries that honour 429 retry_after and back
// off on 5xx and network errors.
type apiClient struct {
	bot         *tgbotapi.BotAPI
	http        *http.Client
	callTimeout time.Duration
	pollTimeout time.Duration
	retryBase   time.Duration
	maxWait     time.Duration
	attempts    int
	log         *slog.Logger

	fileEndpoint string // the file download URL pattern: token, file path
}

// ctxDoer binds a request to a context: MakeRequest builds its requests without one, so this is
// how a call is cancelled when the adapter stops or its deadline passes.
type ctxDoer struct {
	ctx context.Context
	c   *http.Client
}

func (d ctxDoer) Do(r *http.Request) (*http.Response, error) { return d.c.Do(r.WithContext(d.ctx)) }

// newHTTPClient returns a client whose every phase has a timeout; the overall cap leaves room for
// a long poll of pollTimeout.
func newHTTPClient(pollTimeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: pollTimeout + 30*time.Second,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: pollTimeout + 20*time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   16,
		},
	}
}

// connect asks getMe, retrying transient failures until ctx ends; an invalid token is an error.
func connect(ctx context.Context, o Options, log *slog.Logger) (*apiClient, tgbotapi.User, error) {
	hc := newHTTPClient(o.PollTimeout)
	c := &apiClient{http: hc, fileEndpoint: o.FileEndpoint, callTimeout: o.CallTimeout, pollTimeout: o.PollTimeout, retryBase: o.RetryBase,
		maxWait: o.MaxRetryWait, attempts: 5, log: log}
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, c.callTimeout)
		b, err := tgbotapi.NewBotAPIWithClient(o.Token, o.APIEndpoint, ctxDoer{cctx, hc})
		cancel()
		if err == nil {
			c.bot = b
			return c, b.Self, nil
		}
		err = scrub(err)
		wait, retry := c.retryable(err, attempt)
		if !retry || ctx.Err() != nil {
			return nil, tgbotapi.User{}, fmt.Errorf("getMe: %w", err)
		}
		log.Warn("Bot API not reachable; retrying", "err", err, "in", wait)
		if err := sleep(ctx, wait); err != nil {
			return nil, tgbotapi.User{}, err
		}
	}
}

// call makes one Bot API call, retrying 429 and transient failures a few times.
func (c *apiClient) call(ctx context.Context, method string, p tgbotapi.Params) (json.RawMessage, error) {
	for attempt := 0; ; attempt++ {
		res, err := c.once(ctx, method, p)
		if err == nil {
			return res, nil
		}
		wait, retry := c.retryable(err, attempt)
		if !retry || attempt+1 >= c.attempts || ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", method, err)
		}
		c.log.Debug("Bot API call failed; retrying", "method", method, "err", err, "in", wait)
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s: %w", method, err)
		}
	}
}

func (c *apiClient) once(ctx context.Context, method string, p tgbotapi.Params) (json.RawMessage, error) {
	timeout := c.callTimeout
	if method == "getUpdates" {
		timeout += c.pollTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	b := *c.bot // a shallow copy per call, only to give MakeRequest a client bound to ctx
	b.Client = ctxDoer{ctx, c.http}
	resp, err := b.MakeRequest(method, p)
	if err != nil {
		return nil, scrub(err)
	}
	return resp.Result, nil
}

// retryable says whether a failed call may be retried, and after how long: 429 after its
// retry_after, 5xx and network or decoding failures (a proxy's HTML error page) with exponential
// backoff; other API errors (bad request, forbidden, unauthorized) are final.
func (c *apiClient) retryable(err error, attempt int) (time.Duration, bool) {
	if errors.Is(err, context.Canceled) {
		return 0, false
	}
	var apiErr *tgbotapi.Error
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.Code == http.StatusTooManyRequests:
			return min(max(time.Duration(apiErr.RetryAfter)*time.Second, c.retryBase), c.maxWait), true
		case apiErr.Code >= 500:
			return backoff(c.retryBase, c.maxWait, attempt), true
		default:
			return 0, false
		}
	}
	return backoff(c.retryBase, c.maxWait, attempt), true
}

// backoff is base doubled per attempt, capped at maxWait, with jitter so restarted instances do
// not retry in step.
func backoff(base, maxWait time.Duration, attempt int) time.Duration {
	d := min(base<<min(attempt, 16), maxWait)
	return d/2 + rand.N(d/2+1)
}

// scrub removes the request URL from transport errors: it contains the bot token.
func scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s Bot API: %w", ue.Op, ue.Err)
	}
	return err
}

// apiCode returns the Bot API error code of err, 0 if it is not an API error.
func apiCode(err error) int {
	var apiErr *tgbotapi.Error
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
