package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// poll receives updates by long polling until ctx ends. It is its own loop over getUpdates rather
// than the library's GetUpdatesChan, which cannot be stopped in the middle of a poll, ignores
// retry_after, and retries a batch it cannot decode every 3 s forever with the same offset, so one
// bad update would stall the bot.
func (a *Adapter) poll(ctx context.Context, d *dispatcher) error {
	// A webhook left set by an earlier deployment makes getUpdates fail with 409 Conflict.
	if _, err := a.api.call(ctx, "deleteWebhook", nil); err != nil && ctx.Err() == nil {
		a.log.Warn("could not delete the webhook; polling anyway", "err", err)
	}
	offset, failures := 0, 0
	timeout := strconv.Itoa(max(1, int(a.opts.PollTimeout/time.Second)))
	for ctx.Err() == nil {
		res, err := a.api.call(ctx, "getUpdates", tgbotapi.Params{
			"offset": strconv.Itoa(offset), "timeout": timeout, "allowed_updates": allowedUpdates,
		})
		if err == nil {
			var raws []json.RawMessage
			raws, offset, err = decodeBatch(res, offset)
			for _, raw := range raws {
				d.dispatch(ctx, raw)
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if code := apiCode(err); code == http.StatusUnauthorized || code == http.StatusNotFound {
				return fmt.Errorf("the Bot API refused the token: %w", err)
			}
			failures++
			wait := min(a.opts.RetryBase<<min(failures, 16), a.opts.MaxRetryWait)
			a.log.Warn("getUpdates failed; retrying", "err", err, "in", wait)
			if sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		failures = 0
	}
	return nil
}
