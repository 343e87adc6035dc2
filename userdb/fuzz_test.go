package userdb

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzRewriteSQL(f *testing.F) {
	for _, s := range []string{
		"SELECT home, uid, gid FROM users WHERE userid = '%u'",
		"SELECT '/srv/vmail/%d/%n' AS home FROM x WHERE a='%n' AND b='%d'",
		`SELECT "%Lu", E'a\'%{user | upper}' -- '%q` + "\n/* %z */ $x$%%$x$ 5 %% 2",
		"SELECT `a` # %u\n, 'it''s %n'",
		"WHERE a = '%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, d := range []dialect{dialectSQLite, dialectPostgres, dialectMySQL} {
			q, err := rewriteSQL(src, d)
			if err != nil {
				continue
			}
			checkRewrite(t, src, q, d)
		}
	})
}

// checkRewrite checks properties of a successful rewrite: without a %,
// the query is unchanged; there are as many placeholders as arguments
// (for PostgreSQL, $1..$n in order), which only "?" (never "$n") counts.
func checkRewrite(t *testing.T, src string, q boundQuery, d dialect) {
	if !strings.Contains(src, "%") && q.text != src {
		t.Fatalf("%v: query without %% changed: %q → %q", d, src, q.text)
	}
	if d == dialectPostgres {
		for i := range q.args {
			if !strings.Contains(q.text, "$"+strconv.Itoa(i+1)) {
				t.Fatalf("%v: %q: placeholder $%d missing in %q", d, src, i+1, q.text)
			}
		}
		return
	}
	if n := strings.Count(q.text, "?"); n < len(q.args) {
		t.Fatalf("%v: %q: %d placeholders for %d args in %q", d, src, n, len(q.args), q.text)
	}
}

func FuzzParseTemplate(f *testing.F) {
	for _, s := range []string{"/var/vmail/%d/%n", "%Lu%%", "%{user | lower}", "%", "%{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := parseTemplate(s, false)
		if err != nil {
			return
		}
		if !tm.hasVars() && tm.expand(vars{}) != strings.ReplaceAll(s, "%%", "%") {
			t.Fatalf("%q expanded to %q", s, tm.expand(vars{}))
		}
	})
}

func FuzzPasswdLine(f *testing.F) {
	for _, s := range []string{
		"bob@example.com:{PLAIN}secret:5000:5000::/var/vmail/bob::userdb_mail=maildir:~/Maildir userdb_quota_rule=*:bytes=1M",
		"sys:x:1000:1000:System User:/home/sys:/bin/sh",
		"# comment",
		"a",
		":x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, ok, err := parsePasswdLine(line)
		if err != nil || !ok {
			return
		}
		e2, ok2, err := parsePasswdLine(e.String())
		if err != nil || !ok2 {
			t.Fatalf("%q: formatted %q does not parse: %v", line, e.String(), err)
		}
		if e2.String() != e.String() {
			t.Fatalf("%q: round trip %q → %q", line, e.String(), e2.String())
		}
		_ = e.record()
	})
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"Bob+Work@Example.COM", `"a@b"@x`, "a\x00@b", "+@", "bob-x+y@z"} {
		f.Add(s, "+-", false)
	}
	f.Fuzz(func(t *testing.T, s, delims string, keepCase bool) {
		opts := AddressOptions{RecipientDelimiter: delims, KeepLocalCase: keepCase}
		a, err := ParseAddress(s, opts)
		if err != nil {
			return
		}
		if a.Local == "" || len(a.Local)+len(a.Delimiter)+len(a.Detail) > maxLocalOctets*2 || !utf8.ValidString(a.Full()) {
			t.Fatalf("%q: bad result %+v", s, a)
		}
		b, err := ParseAddress(a.Full(), opts)
		if err != nil || b != a {
			t.Fatalf("%q: reparse of %q gave %+v, %v; want %+v", s, a.Full(), b, err, a)
		}
	})
}

func FuzzParseDovecotSQLConf(f *testing.F) {
	for _, s := range []string{
		"driver = pgsql\nconnect = \"host=x\"\nuser_query = SELECT 1 \\\n  FROM u\n",
		"# c\n!include x\n",
		"a \\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseDovecotSQLConf(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, v := range []string{c.Driver, c.Connect, c.UserQuery, c.IterateQuery} {
			if strings.ContainsAny(v, "\n") {
				t.Fatalf("%q: value with a newline: %q", s, v)
			}
		}
	})
}
