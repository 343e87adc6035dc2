package userdb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
)

// PasswdFileOptions configures a [PasswdFile] backend.
type PasswdFileOptions struct {
	Options
	// Path is the passwd-file, e.g. "/etc/dovecot/users". It may use %d
	// (and %n, %u) for one file per domain, as Dovecot allows:
	// "/etc/dovecot/passwd.d/%d".
	Path string
	// UsernameFormat is what the user field of the file holds, like
	// Dovecot's username_format argument: empty means "%u" (the whole
	// address); "%n" matches bare local parts in per-domain files.
	UsernameFormat string
}

// PasswdFile is a user database in Dovecot passwd-files. A file is read
// when first needed and read again by the first lookup after it changed
// (another inode, size or modification time: one stat per lookup). A
// missing or malformed file is a [*BackendError], never [ErrNotFound]. It
// is safe for concurrent use.
type PasswdFile struct {
	path   template
	format template
	name   string
	addr   AddressOptions
	key    AddressOptions // normalises user names: case only, no detail split
	res    resolver

	mu    sync.Mutex
	files map[string]*passwdData // by expanded path
}

// passwdData is the content of one loaded file.
type passwdData struct {
	info    os.FileInfo
	entries map[string]record // by normalised user name
	order   []string
}

var (
	_ DB       = (*PasswdFile)(nil)
	_ Iterator = (*PasswdFile)(nil)
)

// NewPasswdFile checks the options; without variables in Path it reads
// the file at once, so that a missing or malformed file is an error here.
func NewPasswdFile(o PasswdFileOptions) (*PasswdFile, error) {
	res, err := newResolver(o.Options)
	if err != nil {
		return nil, err
	}
	path, err := parseTemplate(o.Path, false)
	if err != nil {
		return nil, fmt.Errorf("userdb: passwd-file Path: %w", err)
	}
	format, err := parseTemplate(orDefault(o.UsernameFormat, "%u"), false)
	if err != nil {
		return nil, fmt.Errorf("userdb: passwd-file UsernameFormat: %w", err)
	}
	p := &PasswdFile{path: path, format: format, name: "passwd-file(" + o.Path + ")", addr: o.AddressOptions,
		key: AddressOptions{KeepLocalCase: o.KeepLocalCase}, res: res, files: make(map[string]*passwdData)}
	if !path.hasVars() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if _, err := p.file(o.Path); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Lookup implements [DB].
func (p *PasswdFile) Lookup(ctx context.Context, address string) (User, error) {
	a, err := ParseAddress(address, p.addr)
	if err != nil {
		return User{}, err
	}
	if p.path.hasVars() {
		if reason := pathUnsafe(a); reason != "" {
			return User{}, &AddressError{Address: address, Reason: reason}
		}
		if a.Domain == "" && (p.path.uses(varDomain) || p.path.uses(varUser)) {
			return User{}, &AddressError{Address: address, Reason: "no domain for a path template with %d"}
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return lookupDetail(ctx, a, p.find)
}

// find looks a up in its file; the caller holds p.mu.
func (p *PasswdFile) find(_ context.Context, a Address) (User, error) {
	vs := varsOf(a)
	d, err := p.file(p.path.expand(vs))
	if err != nil {
		return User{}, err
	}
	k, err := ParseAddress(p.format.expand(vs), p.key)
	if err != nil {
		return User{}, ErrNotFound
	}
	rec, ok := d.entries[k.String()]
	if !ok {
		return User{}, ErrNotFound
	}
	u, err := p.res.user(a, rec)
	if err != nil {
		return User{}, fmt.Errorf("userdb: %s: user %q: %w", p.name, a, err)
	}
	return u, nil
}

// Users implements [Iterator]: the users in file order. With a Path that
// uses variables it returns an error wrapping errors.ErrUnsupported.
func (p *PasswdFile) Users(context.Context) ([]string, error) {
	if p.path.hasVars() {
		return nil, fmt.Errorf("userdb: %s: cannot list users of per-domain files: %w", p.name, errors.ErrUnsupported)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	d, err := p.file(p.path.expand(vars{}))
	if err != nil {
		return nil, err
	}
	return append([]string(nil), d.order...), nil
}

// file returns the loaded file at path, reading it again if it changed;
// the caller holds p.mu.
func (p *PasswdFile) file(path string) (*passwdData, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &BackendError{Backend: p.name, Op: "stat", Err: err}
	}
	d := p.files[path]
	if d != nil && os.SameFile(d.info, fi) && fi.Size() == d.info.Size() && fi.ModTime().Equal(d.info.ModTime()) {
		return d, nil
	}
	d, err = p.load(path)
	if err != nil {
		return nil, &BackendError{Backend: p.name, Op: "load", Err: err}
	}
	p.files[path] = d
	return d, nil
}

func (p *PasswdFile) load(path string) (*passwdData, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	d := &passwdData{info: fi, entries: make(map[string]record)}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if err := p.add(d, sc.Text()); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	return d, sc.Err()
}

// add parses one line into d.
func (p *PasswdFile) add(d *passwdData, line string) error {
	e, ok, err := parsePasswdLine(line)
	if err != nil || !ok {
		return err
	}
	a, err := ParseAddress(e.user, p.key)
	if err != nil {
		return err
	}
	if _, dup := d.entries[a.String()]; dup {
		return errors.New("duplicate user " + a.String())
	}
	d.entries[a.String()] = e.record()
	d.order = append(d.order, e.user)
	return nil
}
