/* placeholder */ typedef int placeholder_poly_t;
