// Package vectorfile keeps the vectors of myths across restarts in one file per embeddings model,
// so a restarted server embeds only questions. It implements bot.VectorCache.
package vectorfile

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// File is the cache of one embeddings model in a folder.
type File struct {
	dir, model string
}

// New returns the cache of model's vectors in dir; it does no I/O.
func New(dir, model string) *File { return &File{dir: dir, model: model} }

// vectorFile is the file's content. Vectors are stored as little-endian float32s in base64, a
// quarter of the size of JSON numbers.
type vectorFile struct {
	Model string `json:"model"`
	// Myths maps a myth's content hash to its texts' vectors.
	Myths map[string][]string `json:"myths"`
}

// Path is the cache file: one per model, since vectors of two models do not compare.
func (f *File) Path() string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, f.model)
	return filepath.Join(f.dir, "embeddings-"+name+".json")
}

// Load reads the cached vectors; a missing file is an empty cache.
func (f *File) Load() (map[string][][]float32, error) {
	data, err := os.ReadFile(f.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read embeddings cache: %w", err)
	}
	var vf vectorFile
	if err := json.Unmarshal(data, &vf); err != nil {
		return nil, fmt.Errorf("read embeddings cache %s: %w", f.Path(), err)
	}
	if vf.Model != f.model {
		return nil, fmt.Errorf("read embeddings cache %s: vectors of model %q, not %q", f.Path(), vf.Model, f.model)
	}
	loaded := map[string][][]float32{}
	for hash, encoded := range vf.Myths {
		for _, e := range encoded {
			v, err := decodeVector(e)
			if err != nil {
				return nil, fmt.Errorf("read embeddings cache %s: %w", f.Path(), err)
			}
			loaded[hash] = append(loaded[hash], v)
		}
	}
	return loaded, nil
}

// Save writes vectors, atomically.
func (f *File) Save(vectors map[string][][]float32) error {
	vf := vectorFile{Model: f.model, Myths: map[string][]string{}}
	for h, vs := range vectors {
		for _, v := range vs {
			vf.Myths[h] = append(vf.Myths[h], encodeVector(v))
		}
	}
	data, err := json.Marshal(vf)
	if err != nil {
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	if err := os.MkdirAll(f.dir, 0o700); err != nil {
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	tmp, err := os.CreateTemp(f.dir, ".embeddings-*")
	if err != nil {
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.Path()); err != nil {
		return fmt.Errorf("write embeddings cache: %w", err)
	}
	return nil
}

func encodeVector(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeVector(s string) ([]float32, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b)%4 != 0 {
		return nil, errors.New("bad vector encoding")
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}
