/* placeholder */ typedef int placeholder_charpoly_t;
