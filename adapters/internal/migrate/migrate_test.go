package migrate

import (
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		versions []int
		wantErr  bool
	}{
		{"in order", fstest.MapFS{"0002_b.sql": file("B"), "0001_a.sql": file("A"), "README": file("x")}, []int{1, 2}, false},
		{"gap", fstest.MapFS{"0001_a.sql": file("A"), "0003_c.sql": file("C")}, nil, true},
		{"bad name", fstest.MapFS{"init.sql": file("A")}, nil, true},
		{"duplicate version", fstest.MapFS{"0001_a.sql": file("A"), "0001_b.sql": file("B")}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Load(tt.fsys)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			for i, v := range tt.versions {
				if ms[i].Version != v {
					t.Errorf("migration %d has version %d, want %d", i, ms[i].Version, v)
				}
			}
			if len(ms) > 0 && ms[0].SQL != "A" {
				t.Errorf("first migration's SQL = %q", ms[0].SQL)
			}
		})
	}
}
