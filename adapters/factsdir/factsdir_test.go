package factsdir

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatcherReloadsOnChangeAndOnRequest edits a folder and expects one load per change, a
// refused load to be retried only after the next change, and Reload to force a load.
func TestWatcherReloadsOnChangeAndOnRequest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	// Each change is written whole and renamed into place, as editors save: a plain write
	// truncates first, and a poll between the truncation and the write would see a change of its own.
	write := func(s string) {
		tmp := filepath.Join(t.TempDir(), "a.yaml")
		if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
	}
	write("one")
	loads := make(chan string, 10)
	w := New(dir, 5*time.Millisecond, func(fsys fs.FS) error {
		data, err := fs.ReadFile(fsys, "a.yaml")
		if err != nil {
			return err
		}
		loads <- string(data)
		if string(data) == "broken" {
			return errors.New("refused")
		}
		return nil
	}, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	expect := func(want string) {
		t.Helper()
		select {
		case got := <-loads:
			if got != want {
				t.Fatalf("loaded %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no load of %q", want)
		}
	}
	// A forced reload proves Run has taken its first fingerprint before anything changes.
	w.Reload()
	expect("one")
	write("two, longer")
	expect("two, longer")
	write("broken")
	expect("broken")
	w.Reload()
	expect("broken")
	write("fixed again")
	expect("fixed again")
	select {
	case got := <-loads:
		t.Fatalf("unexpected extra load %q", got)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
}

func TestWatcherMissingFolder(t *testing.T) {
	w := New(filepath.Join(t.TempDir(), "nope"), time.Second, func(fs.FS) error { return nil }, slog.New(slog.DiscardHandler))
	if err := w.Run(context.Background()); err == nil {
		t.Fatal("Run on a missing folder succeeded")
	}
}
