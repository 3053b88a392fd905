package bot

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// SecretSize is the length in bytes of an install secret.
const SecretSize = 32

// NewSecret returns a fresh random install secret, made once per install on first run.
func NewSecret() ([]byte, error) {
	s := make([]byte, SecretSize)
	if _, err := rand.Read(s); err != nil {
		return nil, fmt.Errorf("make install secret: %w", err)
	}
	return s, nil
}

// ChatKey returns the key a chat's settings are stored under: the HMAC-SHA256 of the chat key
// ("telegram:-100123") with the install secret, in hex. A plain hash would not do: chat ids are
// few and guessable, so anyone holding the database could hash candidates and find the chat.
// Without the secret, which lives outside the database, the stored key says nothing.
func ChatKey(secret []byte, chat string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("factline chat settings\x00"))
	m.Write([]byte(chat))
	return hex.EncodeToString(m.Sum(nil))
}

// SecretFingerprint identifies an install secret without revealing it. Stores keep it so that a
// replica started with another secret (whose chat keys would all differ) is refused at start
// instead of silently losing every chat's settings.
func SecretFingerprint(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("factline install fingerprint"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// ErrOtherSecret is returned by a store opened with another install secret than the one it was
// set up with: every chat key would differ, so every chat would silently lose its settings.
var ErrOtherSecret = errors.New("the database was set up with another install secret, so no chat key would match: " +
	"give every replica the same secret file, or point this one at its own database")
