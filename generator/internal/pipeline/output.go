package pipeline

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"glossary/generator/internal/content"

	"golang.org/x/sys/unix"
)

// writer receives the output of one build.
type writer interface {
	// keep says file is unchanged since the previous build.
	keep(file string) error
	// write stores a new version of file and returns its content.Hash
	// (a writer that keeps nothing need not compute it).
	write(file string, data []byte) (uint64, error)
	// stream stores a new version of file as fill writes it, never
	// holding it whole, and returns its content.Hash.
	stream(file string, fill func(io.Writer) error) (uint64, error)
	// remove deletes a file the site no longer has.
	remove(file string) error
	// commit publishes everything with the new manifest and returns the
	// times of the output's folders after it; abort undoes.
	commit(files map[string]entry) (map[string]int64, error)
	abort()
}

// swapWriter builds a whole new site in a temporary folder beside the
// output and swaps it in, so readers of the output see the old site or the
// new one, never a mix. Unchanged files are hard-linked from the old site:
// fast, and their timestamps stay, so rsync and CDNs see real changes only.
type swapWriter struct {
	out, tmp string
	// record is the output's folder in the cache (see RecordDir).
	record string
	old    map[string]entry
	// oldDirs are the folder times the old manifest recorded.
	oldDirs map[string]int64
	mu      sync.Mutex
	dirs    map[string]bool
	// lock is the marker file, locked while this build runs.
	lock *os.File
}

const tmpMarker = ".glossary-tmp"

func newSwapWriter(out, record string, old map[string]entry, oldDirs map[string]int64) (*swapWriter, error) {
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
	return &swapWriter{out: out, tmp: tmp, record: record, old: old, oldDirs: oldDirs, dirs: map[string]bool{}, lock: lock}, nil
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

func (w *swapWriter) write(file string, data []byte) (uint64, error) {
	hash := content.Hash(data)
	if e, ok := w.old[file]; ok && e.Hash == hash {
		if err := w.keep(file); err == nil {
			return hash, nil
		}
	}
	if err := w.mkdir(file); err != nil {
		return 0, err
	}
	return hash, writeNew(filepath.Join(w.tmp, filepath.FromSlash(file)), data)
}

// writeNew writes a new file as os.WriteFile does, without an *os.File,
// whose poller setup costs six system calls more (see content.ReadFile):
// a build writes every page this way.
func writeNew(p string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}

func (w *swapWriter) stream(file string, fill func(io.Writer) error) (uint64, error) {
	if err := w.mkdir(file); err != nil {
		return 0, err
	}
	dst := filepath.Join(w.tmp, filepath.FromSlash(file))
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	hash, err := fillFile(f, fill)
	if err != nil {
		os.Remove(dst)
		return 0, err
	}
	if e, ok := w.old[file]; ok && e.Hash == hash {
		// The same bytes as before: the old file keeps its timestamps.
		link := dst + ".old"
		if os.Link(filepath.Join(w.out, filepath.FromSlash(file)), link) == nil {
			if os.Rename(link, dst) != nil {
				os.Remove(link)
			}
		}
	}
	return hash, nil
}

func (w *swapWriter) remove(string) error { return nil }

func (w *swapWriter) commit(files map[string]entry) (map[string]int64, error) {
	if err := writeManifest(w.out, w.record, pending(w.old, files), w.oldDirs); err != nil {
		w.abort()
		return nil, err
	}
	if err := os.Remove(filepath.Join(w.tmp, tmpMarker)); err != nil {
		w.abort()
		return nil, err
	}
	w.lock.Close()
	previous := ""
	if _, err := os.Stat(w.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(w.tmp, w.out); err != nil {
			return nil, err
		}
	} else if err := unix.Renameat2(unix.AT_FDCWD, w.tmp, unix.AT_FDCWD, w.out, unix.RENAME_EXCHANGE); err == nil {
		// The two folders exchanged in one step.
		previous = w.tmp
	} else {
		// No exchange on this file system: move the old site aside first.
		previous = w.tmp + ".old"
		if err := os.Rename(w.out, previous); err != nil {
			w.abort()
			return nil, err
		}
		if err := os.Rename(w.tmp, w.out); err != nil {
			os.Rename(previous, w.out)
			w.abort()
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	dirs := folderTimes(w.out, names, nil)
	if err := writeManifest(w.out, w.record, files, dirs); err != nil {
		return nil, err
	}
	if previous != "" {
		return dirs, os.RemoveAll(previous)
	}
	return dirs, nil
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
	out, record string
	old         map[string]entry
	// dirs are the times of the output's folders, updated on commit.
	dirs map[string]int64

	mu      sync.Mutex
	staged  map[string]string // final path → temporary file
	added   bool              // a staged file is one the output did not have
	removed []string
	touched []string // files staged or removed, by name
}

func (w *placeWriter) keep(string) error { return nil }

func (w *placeWriter) write(file string, data []byte) (uint64, error) {
	hash := content.Hash(data)
	if e, ok := w.old[file]; ok && e.Hash == hash {
		return hash, nil
	}
	p := filepath.Join(w.out, filepath.FromSlash(file))
	tmp, _, err := createTemp(p, bytesOf(data))
	if err != nil {
		return 0, err
	}
	w.stage(file, p, tmp)
	return hash, nil
}

func (w *placeWriter) stream(file string, fill func(io.Writer) error) (uint64, error) {
	p := filepath.Join(w.out, filepath.FromSlash(file))
	tmp, hash, err := createTemp(p, fill)
	if err != nil {
		return 0, err
	}
	if e, ok := w.old[file]; ok && e.Hash == hash {
		os.Remove(tmp)
		return hash, nil
	}
	w.stage(file, p, tmp)
	return hash, nil
}

// stage notes that tmp holds the new version of file, at path p.
func (w *placeWriter) stage(file, p, tmp string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.staged == nil {
		w.staged = map[string]string{}
	}
	w.staged[p] = tmp
	w.touched = append(w.touched, file)
	if _, ok := w.old[file]; !ok {
		w.added = true
	}
}

func (w *placeWriter) remove(file string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.removed = append(w.removed, filepath.Join(w.out, filepath.FromSlash(file)))
	w.touched = append(w.touched, file)
	return nil
}

func (w *placeWriter) commit(files map[string]entry) (map[string]int64, error) {
	if w.added {
		// New names must be on record before they appear in the output.
		if err := writeManifest(w.out, w.record, pending(w.old, files), w.dirs); err != nil {
			w.abort()
			return nil, err
		}
	}
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
		return nil, errors.Join(errs...)
	}
	dirs := folderTimes(w.out, w.touched, w.dirs)
	return dirs, writeManifest(w.out, w.record, files, dirs)
}

func (w *placeWriter) abort() {
	for _, tmp := range w.staged {
		os.Remove(tmp)
	}
	w.staged, w.removed = nil, nil
}

func writeAtomic(p string, data []byte) error {
	tmp, _, err := createTemp(p, bytesOf(data))
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// createTemp writes a new hidden file in p's folder, ready to be renamed
// over p, with what fill writes, and returns its name and content.Hash.
func createTemp(p string, fill func(io.Writer) error) (string, uint64, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", 0, err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", 0, err
	}
	hash, err := fillFile(f, fill)
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", 0, err
	}
	return f.Name(), hash, nil
}

// bytesOf is a fill that writes data.
func bytesOf(data []byte) func(io.Writer) error {
	return func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	}
}

// fillFile writes what fill writes to f through a buffer, closes f, and
// returns the content.Hash of the bytes.
func fillFile(f *os.File, fill func(io.Writer) error) (uint64, error) {
	hw := &hashingWriter{bw: bufio.NewWriterSize(f, 64<<10), h: content.NewHasher()}
	err := fill(hw)
	if err == nil {
		err = hw.bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return uint64(hw.h), err
}

// hashingWriter hashes what it passes on.
type hashingWriter struct {
	bw *bufio.Writer
	h  content.Hasher
}

func (w *hashingWriter) Write(b []byte) (int, error) {
	w.h.Write(b)
	return w.bw.Write(b)
}

func (w *hashingWriter) WriteString(s string) (int, error) {
	w.h.WriteString(s)
	return w.bw.WriteString(s)
}

// discardWriter is check's writer: everything is rendered, nothing kept.
type discardWriter struct{}

func (discardWriter) keep(string) error                    { return nil }
func (discardWriter) write(string, []byte) (uint64, error) { return 0, nil }
func (discardWriter) remove(string) error                  { return nil }

// stream renders nothing: what is streamed (the exports) has no
// diagnostics of its own, and check never publishes.
func (discardWriter) stream(string, func(io.Writer) error) (uint64, error) { return 0, nil }
func (discardWriter) commit(map[string]entry) (map[string]int64, error)    { return nil, nil }
func (discardWriter) abort()                                               {}
