/* placeholder */ typedef int placeholder_complex_t;
