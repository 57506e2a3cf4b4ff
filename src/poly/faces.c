/* placeholder */ typedef int placeholder_faces_t;
