package userdb

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DovecotSQLConf holds the settings of a Dovecot 2.3 SQL configuration
// file (dovecot-sql.conf.ext) that a userdb needs, as written there.
type DovecotSQLConf struct {
	Driver       string // "pgsql", "mysql" or "sqlite": a valid SQLOptions.Driver
	Connect      string // Dovecot's connect string, e.g. "host=localhost dbname=mail user=dovecot"
	UserQuery    string // user_query
	IterateQuery string // iterate_query
}

// dovecotSQLKeys are the settings of dovecot-sql.conf.ext; the ones that
// only matter to a passdb are accepted and ignored.
var dovecotSQLKeys = map[string]func(*DovecotSQLConf, string){
	"driver":              func(c *DovecotSQLConf, v string) { c.Driver = v },
	"connect":             func(c *DovecotSQLConf, v string) { c.Connect = v },
	"user_query":          func(c *DovecotSQLConf, v string) { c.UserQuery = v },
	"iterate_query":       func(c *DovecotSQLConf, v string) { c.IterateQuery = v },
	"password_query":      func(*DovecotSQLConf, string) {},
	"default_pass_scheme": func(*DovecotSQLConf, string) {},
}

// ParseDovecotSQLConf reads a Dovecot 2.3 dovecot-sql.conf.ext, so that an
// admin can point Letterbox at the file Dovecot already uses: "key =
// value" lines, "#" comment lines, a trailing "\" continuing a setting on
// the next line (whose leading white space is dropped), and "..." quoted
// values. Unknown settings and !include are refused with the line number.
//
// Connect stays in Dovecot's format. pgx accepts it as a PostgreSQL DSN
// (without Dovecot's own maxconns=); for MySQL and SQLite the DSN is
// written in the driver's format.
func ParseDovecotSQLConf(r io.Reader) (DovecotSQLConf, error) {
	var c DovecotSQLConf
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var full strings.Builder
	start := 0
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if full.Len() == 0 {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			start = n
		}
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			full.WriteString(cont)
			continue
		}
		full.WriteString(line)
		if err := c.set(full.String()); err != nil {
			return DovecotSQLConf{}, fmt.Errorf("userdb: dovecot SQL config line %d: %w", start, err)
		}
		full.Reset()
	}
	if err := sc.Err(); err != nil {
		return DovecotSQLConf{}, fmt.Errorf("userdb: dovecot SQL config: %w", err)
	}
	if full.Len() > 0 {
		return DovecotSQLConf{}, fmt.Errorf("userdb: dovecot SQL config line %d: continued past the end", start)
	}
	return c, nil
}

func (c *DovecotSQLConf) set(line string) error {
	if strings.HasPrefix(line, "!") {
		return fmt.Errorf("%q is not supported", strings.Fields(line)[0])
	}
	key, value, ok := strings.Cut(line, "=")
	if !ok {
		return fmt.Errorf("no '=' in %q", line)
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	f, ok := dovecotSQLKeys[key]
	if !ok {
		return fmt.Errorf("unknown setting %q", key)
	}
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = unescape(value[1 : len(value)-1])
	}
	f(c, value)
	return nil
}

// unescape removes the backslash before each escaped byte, as Dovecot
// does for a quoted value.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
