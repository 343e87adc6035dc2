package userdb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/userdb"
	_ "github.com/letterbox-mail/letterbox/userdb/sqlite" // links the SQLite driver
)

func ExampleNewStatic() {
	db, err := userdb.NewStatic(userdb.StaticOptions{
		Options: userdb.Options{AddressOptions: userdb.AddressOptions{RecipientDelimiter: "+"}},
		Home:    "/var/vmail/%d/%n",
		UID:     5000, GID: 5000,
		QuotaRule: "*:bytes=1G",
		Domains:   []string{"example.com"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, err := db.Lookup(context.Background(), "Bob+Lists@Example.COM")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Address, u.Detail, u.Maildir, u.UID, u.QuotaRule)
	_, err = db.Lookup(context.Background(), "bob@example.org")
	fmt.Println(errors.Is(err, userdb.ErrNotFound))
	// Output:
	// bob@example.com lists /var/vmail/example.com/bob/Maildir 5000 *:bytes=1G
	// true
}

func ExampleNewSQL() {
	dir, err := os.MkdirTemp("", "userdb-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "users.db")
	seed, err := sql.Open("sqlite", path)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = seed.Exec(`CREATE TABLE users (email text PRIMARY KEY, maildir text, uid int, gid int);
		INSERT INTO users VALUES ('carol@example.com', 'example.com/carol/', 5000, 5000)`)
	seed.Close()
	if err != nil {
		fmt.Println(err)
		return
	}

	db, err := userdb.NewSQL(userdb.SQLOptions{
		Driver: "sqlite",
		DSN:    path,
		// A Dovecot user_query, pasted as is: '%u' becomes a bound parameter.
		UserQuery: "SELECT '/home/mail/'||maildir as home, uid, gid, email FROM users WHERE email = '%u'",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	u, err := db.Lookup(context.Background(), "Carol@example.com")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Home, u.Maildir, u.UID, u.Extra["email"])
	_, err = db.Lookup(context.Background(), "x' OR '1'='1@example.com")
	fmt.Println(errors.Is(err, userdb.ErrNotFound))
	// Output:
	// /home/mail/example.com/carol /home/mail/example.com/carol/Maildir 5000 carol@example.com
	// true
}

func ExampleParseAddress() {
	a, err := userdb.ParseAddress("Bob+Work@Example.COM", userdb.AddressOptions{RecipientDelimiter: "+"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a, a.Detail, a.Full())
	_, err = userdb.ParseAddress("bob\x00@example.com", userdb.AddressOptions{})
	fmt.Println(err)
	// Output:
	// bob@example.com work bob+work@example.com
	// userdb: invalid address "bob\x00@example.com": control character
}

func ExampleNewCache() {
	static, err := userdb.NewStatic(userdb.StaticOptions{Home: "/var/vmail/%d/%n"})
	if err != nil {
		fmt.Println(err)
		return
	}
	db := userdb.NewCache(static, userdb.CacheOptions{}) // found users for a minute, no negative caching
	u, err := db.Lookup(context.Background(), "alice@example.net")
	fmt.Println(u.Home, err)
	// Output:
	// /var/vmail/example.net/alice <nil>
}

func ExampleParseDovecotSQLConf() {
	conf := `# /etc/dovecot/dovecot-sql.conf.ext
driver = pgsql
connect = host=localhost dbname=mail user=dovecot
user_query = SELECT home, uid, gid \
  FROM users WHERE userid = '%u'
`
	c, err := userdb.ParseDovecotSQLConf(strings.NewReader(conf))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Driver)
	fmt.Println(c.UserQuery)
	// Then: userdb.NewSQL(userdb.SQLOptions{Driver: c.Driver, DSN: c.Connect, UserQuery: c.UserQuery})
	// Output:
	// pgsql
	// SELECT home, uid, gid FROM users WHERE userid = '%u'
}
