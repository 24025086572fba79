package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		p := filepath.Join(dir, "f")
		data := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing"))
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Err.Error() != "no such file or directory" {
		t.Errorf("a missing file: %v, want a *fs.PathError that is fs.ErrNotExist", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder gave no error")
	}
}
