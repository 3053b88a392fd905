package facts

import (
	"embed"
	"io/fs"
)

//go:embed base
var builtin embed.FS

// Builtin returns the curated fact base compiled into the binary.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtin, "base")
	if err != nil {
		panic(err) // "base" is a literal path embedded above; fs.Sub cannot fail on it
	}
	return sub
}
