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
	// Path is the passwd-file, e.g. "/etc/dovecot/users".
	Path string
}

// PasswdFile is a user database in a Dovecot passwd-file. The file is read
// by NewPasswdFile and read again by the first lookup after it changed
// (another inode, size or modification time: one stat per lookup). It is
// safe for concurrent use.
type PasswdFile struct {
	path string
	name string
	addr AddressOptions
	key  AddressOptions // normalises user names: case only, no detail split
	res  resolver

	mu      sync.Mutex
	info    os.FileInfo           // of the loaded file
	entries map[string]passwdUser // by normalised user name
	order   []string
}

type passwdUser struct {
	addr Address
	rec  record
}

var (
	_ DB       = (*PasswdFile)(nil)
	_ Iterator = (*PasswdFile)(nil)
)

// NewPasswdFile reads the file; a missing or malformed file is an error.
func NewPasswdFile(o PasswdFileOptions) (*PasswdFile, error) {
	res, err := newResolver(o.Options)
	if err != nil {
		return nil, err
	}
	p := &PasswdFile{path: o.Path, name: "passwd-file(" + o.Path + ")", addr: o.AddressOptions,
		key: AddressOptions{KeepLocalCase: o.KeepLocalCase}, res: res}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.refresh(); err != nil {
		return nil, err
	}
	return p, nil
}

// Lookup implements [DB].
func (p *PasswdFile) Lookup(ctx context.Context, address string) (User, error) {
	a, err := ParseAddress(address, p.addr)
	if err != nil {
		return User{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.refresh(); err != nil {
		return User{}, err
	}
	return lookupDetail(ctx, a, p.find)
}

// find looks a up in the loaded entries; the caller holds p.mu.
func (p *PasswdFile) find(_ context.Context, a Address) (User, error) {
	e, ok := p.entries[a.String()]
	if !ok {
		return User{}, ErrNotFound
	}
	e.addr.Detail, e.addr.Delimiter = a.Detail, a.Delimiter
	u, err := p.res.user(e.addr, e.rec)
	if err != nil {
		return User{}, fmt.Errorf("userdb: %s: user %q: %w", p.name, a, err)
	}
	return u, nil
}

// Users implements [Iterator]: the users in file order.
func (p *PasswdFile) Users(context.Context) ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.refresh(); err != nil {
		return nil, err
	}
	return append([]string(nil), p.order...), nil
}

// refresh reloads the file if it changed; the caller holds p.mu.
func (p *PasswdFile) refresh() error {
	fi, err := os.Stat(p.path)
	if err != nil {
		return &BackendError{Backend: p.name, Op: "stat", Err: err}
	}
	if p.info != nil && os.SameFile(p.info, fi) && fi.Size() == p.info.Size() && fi.ModTime().Equal(p.info.ModTime()) {
		return nil
	}
	return p.load()
}

func (p *PasswdFile) load() error {
	f, err := os.Open(p.path)
	if err != nil {
		return &BackendError{Backend: p.name, Op: "load", Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return &BackendError{Backend: p.name, Op: "load", Err: err}
	}
	entries, order, err := p.parse(bufio.NewScanner(f))
	if err != nil {
		return &BackendError{Backend: p.name, Op: "load", Err: err}
	}
	p.info, p.entries, p.order = fi, entries, order
	return nil
}

func (p *PasswdFile) parse(sc *bufio.Scanner) (map[string]passwdUser, []string, error) {
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	entries := make(map[string]passwdUser)
	var order []string
	for n := 1; sc.Scan(); n++ {
		e, ok, err := parsePasswdLine(sc.Text())
		if err == nil && ok {
			err = p.add(entries, e)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", n, err)
		}
		if ok {
			order = append(order, e.user)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return entries, order, nil
}

func (p *PasswdFile) add(entries map[string]passwdUser, e passwdEntry) error {
	a, err := ParseAddress(e.user, p.key)
	if err != nil {
		return err
	}
	if _, dup := entries[a.String()]; dup {
		return errors.New("duplicate user " + a.String())
	}
	entries[a.String()] = passwdUser{addr: a, rec: e.record()}
	return nil
}
