#!/usr/bin/env python3
"""The peer a user would otherwise write: one signed profile update with requests-oauthlib."""

import os
import sys

from requests_oauthlib import OAuth1Session

env = os.environ
session = OAuth1Session(
    env["TWPROFILE_CONSUMER_KEY"],
    client_secret=env["TWPROFILE_CONSUMER_SECRET"],
    resource_owner_key=env["TWPROFILE_ACCESS_TOKEN"],
    resource_owner_secret=env["TWPROFILE_ACCESS_TOKEN_SECRET"],
)
response = session.post(
    env["TWPROFILE_API_BASE"] + "/1.1/account/update_profile.json",
    data={"description": sys.argv[1]},
    timeout=30,
)
response.raise_for_status()
print("Updated @" + response.json()["screen_name"])
