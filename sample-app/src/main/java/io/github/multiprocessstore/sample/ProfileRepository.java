package io.github.multiprocessstore.sample;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * The profiles: Spring Data's CRUD, paging and sorting, plus derived queries; implemented by the starter (found in
 * the application's package, no annotation needed). Property names are the JSON ones.
 */
public interface ProfileRepository extends ObjectRepository<Profile> {

    /**
     * @param email an e-mail address
     * @return the profiles with exactly this address, by id
     */
    List<Profile> findByEmail(String email);

    /**
     * @param email    an e-mail address
     * @param pageable the page
     * @return one page of the profiles with exactly this address
     */
    Page<Profile> findByEmail(String email, Pageable pageable);

    /**
     * @param displayName a display name
     * @param pageable    the page
     * @return one page of the profiles with exactly this name
     */
    Page<Profile> findByDisplayName(String displayName, Pageable pageable);

    /**
     * @param email       an e-mail address
     * @param displayName a display name
     * @param pageable    the page
     * @return one page of the profiles with exactly this address and name
     */
    Page<Profile> findByEmailAndDisplayName(String email, String displayName, Pageable pageable);
}
