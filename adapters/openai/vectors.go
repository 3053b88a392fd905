package openai

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

// vectorFile is the on-disk cache of myth vectors for one embeddings model. Vectors are stored as
// little-endian float32s in base64, a quarter of the size of JSON numbers.
type vectorFile struct {
	Model string `json:"model"`
	// Myths maps a myth's content hash to its texts' vectors.
	Myths map[string][]string `json:"myths"`
}

// path is the cache file of the model: one per model, since vectors of two models do not compare.
func (s *Semantic) path() string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, s.c.embModel)
	return filepath.Join(s.dir, "embeddings-"+name+".json")
}

// load reads the cached vectors; a missing or unreadable cache only means embedding again.
func (s *Semantic) load() {
	if s.dir == "" {
		return
	}
	data, err := os.ReadFile(s.path())
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.log.Warn("embeddings cache not read", "err", err)
		}
		return
	}
	var f vectorFile
	if err := json.Unmarshal(data, &f); err != nil || f.Model != s.c.embModel {
		s.log.Warn("embeddings cache ignored", "path", s.path(), "err", err)
		return
	}
	loaded := map[string][][]float32{}
	for hash, encoded := range f.Myths {
		for _, e := range encoded {
			v, err := decodeVector(e)
			if err != nil {
				s.log.Warn("embeddings cache ignored", "path", s.path(), "err", err)
				return
			}
			loaded[hash] = append(loaded[hash], v)
		}
	}
	s.mu.Lock()
	for h, v := range loaded {
		if _, ok := s.vectors[h]; !ok {
			s.vectors[h] = v
		}
	}
	s.mu.Unlock()
	s.log.Info("embeddings cache loaded", "myths", len(loaded))
}

// save writes the vectors of every myth embedded so far, atomically.
func (s *Semantic) save() error {
	if s.dir == "" {
		return nil
	}
	f := vectorFile{Model: s.c.embModel, Myths: map[string][]string{}}
	s.mu.RLock()
	for h, vs := range s.vectors {
		for _, v := range vs {
			f.Myths[h] = append(f.Myths[h], encodeVector(v))
		}
	}
	s.mu.RUnlock()
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("embeddings cache: %w", err)
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("embeddings cache: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, ".embeddings-*")
	if err != nil {
		return fmt.Errorf("embeddings cache: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("embeddings cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("embeddings cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path()); err != nil {
		return fmt.Errorf("embeddings cache: %w", err)
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
		return nil, fmt.Errorf("bad vector encoding")
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}
