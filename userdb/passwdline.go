package userdb

import (
	"fmt"
	"strings"
)

// passwdEntry is one line of a Dovecot passwd-file:
// user:password:uid:gid:gecos:home:shell:extra_fields.
type passwdEntry struct {
	user, password, uid, gid, gecos, home, shell string
	extra                                        []string // "key=value" or "key", in order
}

// parsePasswdLine parses one line. Blank lines and lines starting with "#"
// give ok == false and no error. Missing trailing fields are empty; the
// extra fields (after the seventh colon, so they may contain colons) are
// separated by white space.
func parsePasswdLine(line string) (e passwdEntry, ok bool, err error) {
	line = strings.TrimSuffix(line, "\r")
	if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
		return passwdEntry{}, false, nil
	}
	if strings.ContainsAny(line, "\x00\n") {
		return passwdEntry{}, false, fmt.Errorf("NUL or newline in line")
	}
	f := strings.SplitN(line, ":", 8)
	f = append(f, make([]string, 8-len(f))...)
	e = passwdEntry{user: f[0], password: f[1], uid: f[2], gid: f[3], gecos: f[4],
		home: f[5], shell: f[6], extra: strings.Fields(f[7])}
	if e.user == "" {
		return passwdEntry{}, false, fmt.Errorf("empty user name")
	}
	for _, v := range []string{e.uid, e.gid} {
		if strings.TrimSpace(v) != v {
			return passwdEntry{}, false, fmt.Errorf("white space around uid or gid %q", v)
		}
	}
	return e, true, nil
}

// String formats e as a passwd-file line.
func (e passwdEntry) String() string {
	return strings.Join([]string{e.user, e.password, e.uid, e.gid, e.gecos, e.home, e.shell,
		strings.Join(e.extra, " ")}, ":")
}

// record returns e's userdb fields: uid, gid and home from their columns,
// then the extra fields with a "userdb_" prefix, which override them.
// Extra fields without the prefix are passdb fields and are ignored, as
// Dovecot does; the password is never copied.
func (e passwdEntry) record() record {
	rec := record{}
	for k, v := range map[string]string{"uid": e.uid, "gid": e.gid, "home": e.home} {
		if v != "" {
			rec[k] = v
		}
	}
	for _, kv := range e.extra {
		k, v, _ := strings.Cut(kv, "=")
		if len(k) > len("userdb_") && strings.EqualFold(k[:len("userdb_")], "userdb_") {
			rec.set(k, v)
		}
	}
	return rec
}
