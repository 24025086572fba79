package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// ManifestFile marks an output folder as the generator's and records, for
// every file in it, the fingerprint of its inputs and the hash of its bytes.
const ManifestFile = ".glossary-build.json"

const manifestFormat = "glossary-build/1"

type manifest struct {
	Format string           `json:"format"`
	Files  map[string]entry `json:"files"`
}

type entry struct {
	Fingerprint uint64 `json:"fp"`
	Hash        uint64 `json:"hash"`
}

// readManifest inspects dir. A missing folder gives an empty manifest; a
// folder with other contents and no manifest is refused, so a mistyped -out
// never deletes someone's files.
func readManifest(dir string) (map[string]entry, error) {
	files := map[string]entry{}
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder; choose another -out", dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		if len(entries) == 0 {
			return files, nil
		}
		return nil, fmt.Errorf("refusing to replace %s: it holds files the generator did not write (no %s); empty it, remove it or choose another -out", dir, ManifestFile)
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil || m.Format != manifestFormat {
		// Ours (the marker exists) but unreadable: rebuild everything.
		return files, nil
	}
	if m.Files != nil {
		files = m.Files
	}
	return files, nil
}

// encodeManifest writes what json.Marshal would, without reflection: the
// dev server writes the manifest after every rebuild.
func encodeManifest(files map[string]entry) []byte {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	b := append(make([]byte, 0, 64*len(files)), `{"format":"`+manifestFormat+`","files":{`...)
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(name)
		b = append(b, key...)
		b = append(b, `:{"fp":`...)
		b = strconv.AppendUint(b, files[name].Fingerprint, 10)
		b = append(b, `,"hash":`...)
		b = strconv.AppendUint(b, files[name].Hash, 10)
		b = append(b, '}')
	}
	return append(b, "}}\n"...)
}

// writer receives the output of one build.
type writer interface {
	// keep says file is unchanged since the previous build.
	keep(file string) error
	// write stores a new version of file; hash is content.Hash(data).
	write(file string, data []byte, hash uint64) error
	// remove deletes a file the site no longer has.
	remove(file string) error
	// commit publishes everything with the new manifest; abort undoes.
	commit(files map[string]entry) error
	abort()
}

// swapWriter builds a whole new site in a temporary folder beside the
// output and swaps it in, so readers of the output see the old site or the
// new one, never a mix. Unchanged files are hard-linked from the old site:
// fast, and their timestamps stay, so rsync and CDNs see real changes only.
type swapWriter struct {
	out, tmp string
	old      map[string]entry
	mu       sync.Mutex
	dirs     map[string]bool
	// lock is the marker file, locked while this build runs.
	lock *os.File
}

const tmpMarker = ".glossary-tmp"

func newSwapWriter(out string, old map[string]entry) (*swapWriter, error) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Folders left by a build that was killed: ours if they hold the
	// marker, and abandoned if no build holds the marker's lock (another
	// build into the same folder may be running right now).
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, s := range stale {
		if f, err := os.Open(filepath.Join(s, tmpMarker)); err == nil {
			if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil {
				os.RemoveAll(s)
			}
			f.Close()
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	lock, err := os.Create(filepath.Join(tmp, tmpMarker))
	if err == nil {
		err = unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	}
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		os.RemoveAll(tmp)
		return nil, err
	}
	return &swapWriter{out: out, tmp: tmp, old: old, dirs: map[string]bool{}, lock: lock}, nil
}

func (w *swapWriter) mkdir(file string) error {
	dir := path.Dir(file)
	if dir == "." {
		return nil
	}
	// Held while creating, so no worker writes into a folder another one
	// has only promised to create.
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

func (w *swapWriter) keep(file string) error {
	if err := w.mkdir(file); err != nil {
		return err
	}
	src := filepath.Join(w.out, filepath.FromSlash(file))
	dst := filepath.Join(w.tmp, filepath.FromSlash(file))
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

func (w *swapWriter) write(file string, data []byte, hash uint64) error {
	if e, ok := w.old[file]; ok && e.Hash == hash {
		if err := w.keep(file); err == nil {
			return nil
		}
	}
	if err := w.mkdir(file); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.tmp, filepath.FromSlash(file)), data, 0o644)
}

func (w *swapWriter) remove(string) error { return nil }

func (w *swapWriter) commit(files map[string]entry) error {
	if err := os.WriteFile(filepath.Join(w.tmp, ManifestFile), encodeManifest(files), 0o644); err != nil {
		w.abort()
		return err
	}
	if err := os.Remove(filepath.Join(w.tmp, tmpMarker)); err != nil {
		w.abort()
		return err
	}
	w.lock.Close()
	if _, err := os.Stat(w.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(w.tmp, w.out)
	}
	// Exchange the two folders in one step where the kernel can; else
	// move the old one aside first.
	err := unix.Renameat2(unix.AT_FDCWD, w.tmp, unix.AT_FDCWD, w.out, unix.RENAME_EXCHANGE)
	if err != nil {
		aside := w.tmp + ".old"
		if err := os.Rename(w.out, aside); err != nil {
			w.abort()
			return err
		}
		if err := os.Rename(w.tmp, w.out); err != nil {
			os.Rename(aside, w.out)
			w.abort()
			return err
		}
		return os.RemoveAll(aside)
	}
	return os.RemoveAll(w.tmp) // now the previous site
}

func (w *swapWriter) abort() {
	w.lock.Close()
	os.RemoveAll(w.tmp)
}

// placeWriter updates the output folder file by file, for the dev
// server's incremental rebuilds. New versions are staged in temporary files
// beside their targets and renamed into place only when the whole build
// succeeded, so a failed build leaves the last good site, and a reader
// gets the old page or the new one, never half of one.
type placeWriter struct {
	out string
	old map[string]entry

	mu      sync.Mutex
	staged  map[string]string // final path → temporary file
	removed []string
}

func (w *placeWriter) keep(string) error { return nil }

func (w *placeWriter) write(file string, data []byte, hash uint64) error {
	if e, ok := w.old[file]; ok && e.Hash == hash {
		return nil
	}
	p := filepath.Join(w.out, filepath.FromSlash(file))
	tmp, err := writeTemp(p, data)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.staged == nil {
		w.staged = map[string]string{}
	}
	w.staged[p] = tmp
	return nil
}

func (w *placeWriter) remove(file string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.removed = append(w.removed, filepath.Join(w.out, filepath.FromSlash(file)))
	return nil
}

func (w *placeWriter) commit(files map[string]entry) error {
	var errs []error
	for p, tmp := range w.staged {
		if err := os.Rename(tmp, p); err != nil {
			os.Remove(tmp)
			errs = append(errs, err)
		}
	}
	for _, p := range w.removed {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		// Drop folders the removal emptied, up to the output root.
		for dir := filepath.Dir(p); strings.HasPrefix(dir, w.out+string(filepath.Separator)); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return writeAtomic(filepath.Join(w.out, ManifestFile), encodeManifest(files))
}

func (w *placeWriter) abort() {
	for _, tmp := range w.staged {
		os.Remove(tmp)
	}
	w.staged, w.removed = nil, nil
}

func writeAtomic(p string, data []byte) error {
	tmp, err := writeTemp(p, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new hidden file in p's folder, ready to be
// renamed over p.
func writeTemp(p string, data []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// discardWriter is check's writer: everything is rendered, nothing kept.
type discardWriter struct{}

func (discardWriter) keep(string) error                  { return nil }
func (discardWriter) write(string, []byte, uint64) error { return nil }
func (discardWriter) remove(string) error                { return nil }
func (discardWriter) commit(map[string]entry) error      { return nil }
func (discardWriter) abort()                             {}
