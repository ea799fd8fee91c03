"""The Moonlight at Naple site: settings, root URLs and WSGI for the spa that uses the apps."""
