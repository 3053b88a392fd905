package telegram

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxUpdateSize bounds a webhook request body; real updates are a few kilobytes.
const maxUpdateSize = 1 << 20

// serveWebhook registers the webhook with its secret, then serves it until ctx ends.
func (a *Adapter) serveWebhook(ctx context.Context, d *dispatcher) error {
	u, _ := url.Parse(a.opts.WebhookURL) // New checked it
	_, err := a.api.call(ctx, "setWebhook", tgbotapi.Params{
		"url": a.opts.WebhookURL, "secret_token": a.opts.WebhookSecret, "allowed_updates": allowedUpdates,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("set the webhook: %w", err)
	}
	ln := a.opts.WebhookListener
	if ln == nil {
		if ln, err = net.Listen("tcp", a.opts.WebhookAddr); err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle("POST "+path, a.webhookHandler(ctx, d))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("webhook: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.opts.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("webhook shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("webhook: %w", err)
	}
	return nil
}

// webhookHandler accepts updates that carry the secret. It answers 200 even for an update it cannot
// decode, since Telegram would otherwise send it again and again.
func (a *Adapter) webhookHandler(ctx context.Context, d *dispatcher) http.Handler {
	secret := []byte(a.opts.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if subtle.ConstantTimeCompare(got, secret) != 1 {
			// Anyone can post here: one line per interval, counting the refusals, keeps a
			// flood of them from flooding the log.
			if n, ok := a.refused.add(time.Now(), 1); ok {
				a.log.Warn("refused webhook requests without the right secret", "refused", n)
			}
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateSize))
		if err != nil {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		d.dispatch(ctx, body)
		w.WriteHeader(http.StatusOK)
	})
}
