# passwd-file of example.com, user names without the domain
bob:{PLAIN}x:5000:5000::/var/vmail/example.com/bob
