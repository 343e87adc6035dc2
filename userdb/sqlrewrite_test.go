package userdb

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRewriteSQL(t *testing.T) {
	t.Parallel()
	u := variable{name: varUser}
	n := variable{name: varUsername}
	d := variable{name: varDomain}
	tests := []struct {
		name  string
		d     dialect
		query string
		want  string
		args  []variable
	}{
		{"quoted user", dialectPostgres, "SELECT home FROM users WHERE userid = '%u'",
			"SELECT home FROM users WHERE userid = $1", []variable{u}},
		{"quoted user mysql", dialectMySQL, "SELECT home FROM users WHERE userid = '%u'",
			"SELECT home FROM users WHERE userid = ?", []variable{u}},
		{"double quotes", dialectSQLite, `SELECT home FROM users WHERE userid = "%u"`,
			"SELECT home FROM users WHERE userid = ?", []variable{u}},
		{"two variables", dialectPostgres, "WHERE mb.address='%n' AND dom.name='%d'",
			"WHERE mb.address=$1 AND dom.name=$2", []variable{n, d}},
		{"unquoted", dialectSQLite, "WHERE id = %n", "WHERE id = ?", []variable{n}},
		{"long names", dialectPostgres, "WHERE a = '%{user}' AND b = '%{username}' AND c = '%{domain}'",
			"WHERE a = $1 AND b = $2 AND c = $3", []variable{u, n, d}},
		{"modifiers", dialectPostgres, "WHERE a = '%Lu' AND b = '%Ud' AND c = '%{user | lower}'",
			"WHERE a = $1 AND b = $2 AND c = $3",
			[]variable{{varUser, 'L'}, {varDomain, 'U'}, {varUser, 'L'}}},
		{"split literal postgres", dialectPostgres, "SELECT '/srv/vmail/%d/%n' AS home",
			"SELECT ('/srv/vmail/' || $1 || '/' || $2) AS home", []variable{d, n}},
		{"split literal sqlite", dialectSQLite, "SELECT '%n@%d' AS u",
			"SELECT (? || '@' || ?) AS u", []variable{n, d}},
		{"split literal mysql", dialectMySQL, "SELECT '/srv/vmail/%d/%n' AS home",
			"SELECT CONCAT('/srv/vmail/', ?, '/', ?) AS home", []variable{d, n}},
		{"split double-quoted mysql", dialectMySQL, `SELECT "it's %n" AS x`,
			"SELECT CONCAT('it''s ', ?) AS x", []variable{n}},
		{"escape string prefix", dialectPostgres, `SELECT E'a\'%n' AS x`,
			`SELECT (E'a\'' || $1) AS x`, []variable{n}},
		{"percent percent", dialectPostgres, "SELECT '100%%' AS q, 7 %% 3 AS m",
			"SELECT '100%' AS q, 7 % 3 AS m", nil},
		{"percent in split literal", dialectMySQL, "WHERE x LIKE '%d%%'",
			"WHERE x LIKE CONCAT(?, '%')", []variable{d}},
		{"comment untouched", dialectPostgres, "SELECT 1 -- '%z\nWHERE a='%u' /* %q */",
			"SELECT 1 -- '%z\nWHERE a=$1 /* %q */", []variable{u}},
		{"mysql hash comment", dialectMySQL, "SELECT 1 # it's %z\n, '%u'",
			"SELECT 1 # it's %z\n, ?", []variable{u}},
		{"mysql double dash is minus", dialectMySQL, "SELECT 1--1, '%u'",
			"SELECT 1--1, ?", []variable{u}},
		{"identifier untouched", dialectPostgres, `SELECT "home" FROM "users" WHERE "e" = '%u'`,
			`SELECT "home" FROM "users" WHERE "e" = $1`, []variable{u}},
		{"dollar quote", dialectPostgres, "SELECT $x$it's$x$, '%u'",
			"SELECT $x$it's$x$, $1", []variable{u}},
		{"backslash mysql", dialectMySQL, `SELECT 'a\'b' AS x WHERE y='%u'`,
			`SELECT 'a\'b' AS x WHERE y=?`, []variable{u}},
		{"backslash percent mysql", dialectMySQL, `WHERE y LIKE 'a\%%u'`,
			`WHERE y LIKE CONCAT('a\%', ?)`, []variable{u}},
		{"no variables", dialectSQLite, "SELECT email AS user FROM core_user",
			"SELECT email AS user FROM core_user", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, err := rewriteSQL(tc.query, tc.d)
			require.NoError(t, err)
			assert.Equal(t, tc.want, q.text)
			assert.Equal(t, tc.args, q.args)
		})
	}
}

func TestRewriteSQL_typed(t *testing.T) {
	t.Parallel()
	q, err := rewrite("SELECT concat('%d', '/'), '/v/%n' WHERE a = '%u'", dialectPostgres, true)
	require.NoError(t, err)
	assert.Equal(t, "SELECT concat($1::text, '/'), ('/v/' || $2::text) WHERE a = $3::text", q.text)
	q, err = rewrite("WHERE a = '%u'", dialectMySQL, true)
	require.NoError(t, err)
	assert.Equal(t, "WHERE a = ?", q.text)
}

func TestRewriteSQL_refused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		d     dialect
		query string
		pos   int
	}{
		{"unknown variable", dialectPostgres, "WHERE a = '%s'", 11},
		{"bare percent", dialectPostgres, "WHERE a LIKE '%@example.com'", 14},
		{"percent at end", dialectSQLite, "SELECT 5 %", 9},
		{"unterminated literal", dialectSQLite, "WHERE a = '%u", 10},
		{"unterminated brace", dialectSQLite, "WHERE a = %{user", 10},
		{"unknown long", dialectSQLite, "WHERE a = %{home}", 10},
		{"unknown filter", dialectSQLite, "WHERE a = %{user | md5}", 10},
		{"question mark", dialectMySQL, "WHERE a = ?", 10},
		{"positional", dialectPostgres, "WHERE a = $1", 10},
		{"backquoted variable", dialectMySQL, "SELECT * FROM `%d_users`", 14},
		{"dollar-quoted variable", dialectPostgres, "SELECT $$%u$$", 7},
		{"unterminated comment", dialectPostgres, "SELECT 1 /* /* */", 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := rewriteSQL(tc.query, tc.d)
			var te *TemplateError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.pos, te.Pos)
			assert.Equal(t, tc.query, te.Template)
		})
	}
}

func TestTemplateExpand(t *testing.T) {
	t.Parallel()
	vs := varsOf(Address{Local: "Bob", Domain: "example.com"})
	tests := []struct{ tmpl, want string }{
		{"/var/vmail/%d/%n", "/var/vmail/example.com/Bob"},
		{"%Lu", "bob@example.com"},
		{"%Un", "BOB"},
		{"%{domain}/%{username | lower}", "example.com/bob"},
		{"100%%", "100%"},
		{"", ""},
	}
	for _, tc := range tests {
		tm, err := parseTemplate(tc.tmpl, false)
		require.NoError(t, err, tc.tmpl)
		assert.Equal(t, tc.want, tm.expand(vs), tc.tmpl)
	}
}
