complete --keep-order --exclusive --command twprofile --arguments "(TWPROFILE_COMPLETE=fish twprofile -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
